/** How an injected fault is played on the wire (which faults are armed: faults.ts). */
import type http from 'node:http';
import { errorObject } from './errors.js';
import { gatewayHtml, type FakeFault } from './faults.js';
import { HTML_TYPE, JSON_TYPE, send } from './http-io.js';

/** True for the faults that answer instead of the service (nothing is processed). */
export function answersInstead(fault: FakeFault): boolean {
  return fault.kind !== 'latency' && fault.kind !== 'reset-after' && fault.kind !== 'truncated-json';
}

/**
 * Plays a fault that answers instead of the service (see {@link answersInstead}).
 * @returns the status sent, 0 when the connection was destroyed
 */
export function playFault(fault: FakeFault, req: http.IncomingMessage, res: http.ServerResponse): number {
  if (fault.kind === 'reset-before') {
    req.socket.destroy();
    return 0;
  }
  if (fault.kind === 'status') {
    const status = fault.status ?? 500;
    send(
      res,
      status,
      errorObject(
        status,
        fault.message ?? `Injected fault: HTTP ${status}`,
        fault.errorType,
        fault.resultCode,
      ),
    );
    return status;
  }
  if (fault.kind === 'html') {
    const status = fault.status ?? 502;
    send(res, status, fault.html ?? gatewayHtml(status), HTML_TYPE);
    return status;
  }
  send(res, 200, "{object_name:'payment', code:0, message:'Başarılı İşlem'", JSON_TYPE);
  return 200;
}

/**
 * Sends the service's answer, through the faults that strike after the call was processed
 * (`reset-after`, `truncated-json`); other faults (or none) leave it whole.
 * @returns the status sent, 0 when the connection was destroyed
 */
export function sendThroughFault(
  fault: FakeFault | undefined,
  req: http.IncomingMessage,
  res: http.ServerResponse,
  status: number,
  body: unknown,
): number {
  const text = JSON.stringify(body);
  if (fault?.kind === 'reset-after') {
    req.socket.destroy();
    return 0;
  }
  if (fault?.kind === 'truncated-json') {
    send(res, status, text.slice(0, Math.max(1, Math.floor(text.length / 2))));
  } else {
    send(res, status, text);
  }
  return status;
}
