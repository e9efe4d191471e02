import axios from 'axios';
import { PaynetClient } from '../../lib/paynet-client.js';
import type { PaynetClientOptions } from '../../lib/paynet-client-options.js';
import { TEST_PUBLISHABLE_KEY, TEST_SECRET_KEY } from './recording-server.js';

/** A framework-free client on plain axios, for request-layer and resource tests. */
export function testClient(baseUrl: string, options: Partial<PaynetClientOptions> = {}): PaynetClient {
  return new PaynetClient(
    {
      secretKey: TEST_SECRET_KEY,
      publishableKey: TEST_PUBLISHABLE_KEY,
      baseUrl,
      logger: false,
      maxRetries: 0,
      ...options,
    },
    { requester: (config) => axios.request(config) },
  );
}
