/**
 * The service registry: each API group declares its services once, here-shaped (path, key, safety,
 * amounts, DTO, response, reconciliation), and everything else derives from that declaration: the
 * group's methods (one per service), `PAYNET_SERVICES`, the client's properties, the fake
 * server's route check, the manifest and the table-driven tests.
 */
import type { PaynetRequestOptions, RequestSender } from '../internal/request-sender.js';
import type { DtoClass, PaynetServiceSpec } from '../internal/service.js';
import type { PaynetCallRecorder } from '../reconciliation/pending-recorder.js';
import { PaynetResource } from './paynet.resource.js';

/**
 * One service as its group declares it: a spec without its name (the group names it
 * `group.method`), plus how the answer is shaped before the caller sees it.
 */
export interface PaynetServiceDeclaration<Req extends object = object, Res = unknown> extends Omit<
  PaynetServiceSpec<Req, Res>,
  'name' | 'dto' | '__response'
> {
  /** The request DTO class, validated with class-validator before anything is sent. */
  readonly dto: DtoClass<Req>;
  /** Shapes Paynet's answer for the caller (spelling variants, nested results); may throw. */
  answer?(answer: Res): Res | Promise<Res>;
  /** True when the method may be called without `params` (`{}` is sent); see {@link optionalService}. */
  readonly optionalParams?: boolean;
  /** Phantom field carrying the response type. */
  readonly __response?: Res;
}

/** Declares one service of a group with its request and response types. */
export function service<Req extends object, Res>(
  declaration: Omit<PaynetServiceDeclaration<Req, Res>, '__response'>,
): PaynetServiceDeclaration<Req, Res> {
  return declaration;
}

/** Declares a service whose request has no required field: its method's `params` may be left out. */
export function optionalService<Req extends object, Res>(
  declaration: Omit<PaynetServiceDeclaration<Req, Res>, '__response' | 'optionalParams'>,
): PaynetServiceDeclaration<Req, Res> & { readonly optionalParams: true } {
  return { ...declaration, optionalParams: true };
}

/** Any declaration: the request and response types are inferred per service below. */
type AnyDeclaration = PaynetServiceDeclaration<object, unknown>;
type RequestOf<D> = D extends { readonly dto: DtoClass<infer Req> } ? Req : never;
type ResponseOf<D> = D extends { readonly __response?: infer Res } ? Exclude<Res, undefined> : never;

/** One async method per declared service: validates, sends, interprets, shapes the answer. */
export type PaynetServiceMethods<D> = {
  readonly [M in keyof D]: D[M] extends { readonly optionalParams: true }
    ? (params?: RequestOf<D[M]>, options?: PaynetRequestOptions) => Promise<ResponseOf<D[M]>>
    : (params: RequestOf<D[M]>, options?: PaynetRequestOptions) => Promise<ResponseOf<D[M]>>;
};

/** The specs of a group, by method name. */
export type PaynetGroupSpecs<D> = {
  readonly [M in keyof D]: PaynetServiceSpec<RequestOf<D[M]>, ResponseOf<D[M]>>;
};

/** A declared API group: its name, its specs by method and in declaration order. */
export interface PaynetGroup<D extends Record<string, AnyDeclaration> = Record<string, AnyDeclaration>> {
  /** The client property, e.g. `payLinks`. */
  readonly name: string;
  /** The declarations as written (with their answer shaping). */
  readonly declarations: D;
  /** The spec of each service, named `group.method`. */
  readonly specs: PaynetGroupSpecs<D>;
  /** Every spec of the group, in the order of the declaration (Paynet's documentation order). */
  readonly services: readonly PaynetServiceSpec[];
}

/** Declares a group: its client property name and its services, in Paynet's documentation order. */
export function defineGroup<const D extends Record<string, AnyDeclaration>>(
  name: string,
  declarations: D,
): PaynetGroup<D> {
  const specs: Record<string, PaynetServiceSpec> = {};
  for (const [method, declared] of Object.entries(declarations)) {
    const { answer: _answer, optionalParams: _optional, ...spec } = declared;
    specs[method] = Object.freeze({ ...spec, name: `${name}.${method}` });
  }
  return Object.freeze({
    name,
    declarations,
    specs: Object.freeze(specs) as PaynetGroupSpecs<D>,
    services: Object.freeze(Object.values(specs)),
  });
}

/**
 * The constructor of a group's resource class, with one method per declared service except the
 * `Own` ones (the class writes those itself).
 */
export type PaynetGroupResourceClass<
  D extends Record<string, AnyDeclaration>,
  Own extends keyof D = never,
> = (abstract new (
  sender: RequestSender,
  recorder?: PaynetCallRecorder,
) => PaynetResource & PaynetServiceMethods<Omit<D, Own>>) & {
  /** @internal The group's declaration. */
  readonly group: PaynetGroup<D>;
};

/**
 * The base class of a group's resource: {@link PaynetResource} with one method per declared
 * service. The resource class extends it and adds what is more than one call (`listAll`,
 * `lookup`...). A service whose method is more than one call (a read-back, a default argument) is
 * named in `own`: no method is generated for it and the class writes it (with the group's spec).
 */
export function groupResource<D extends Record<string, AnyDeclaration>, const Own extends keyof D = never>(
  group: PaynetGroup<D>,
  own: readonly Own[] = [],
): PaynetGroupResourceClass<D, Own> {
  abstract class GroupResource extends PaynetResource {
    /** @internal The group's declaration (the benchmark and the tests read its specs). */
    static readonly group: PaynetGroup<D> = group;

    static {
      for (const method of Object.keys(group.declarations)) {
        if ((own as readonly string[]).includes(method)) continue;
        const spec = (group.specs as Record<string, PaynetServiceSpec>)[method]!;
        const { answer: shape, optionalParams } = group.declarations[method]!;
        Object.defineProperty(this.prototype, method, {
          value: function (this: GroupResource, params: object | undefined, options?: PaynetRequestOptions) {
            // a left-out `params` of an optional-params service is `{}`, as a default argument would be
            const sent = this.call(
              spec,
              (params === undefined && optionalParams ? {} : params) as object,
              options,
            );
            return shape ? sent.then(shape) : sent;
          },
          writable: true,
          configurable: true,
        });
      }
    }
  }
  return GroupResource as unknown as PaynetGroupResourceClass<D, Own>;
}
