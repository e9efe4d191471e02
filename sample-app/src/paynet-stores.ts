/**
 * The library's shared callback stores, for the sample's PostgreSQL and Redis modes. In your
 * project: `import { PaynetRedisStore } from 'nestjs-paynet-tr/redis';` and
 * `import { PaynetPostgresStore } from 'nestjs-paynet-tr/postgres';`.
 */
export { PaynetRedisStore } from '../../lib/redis/index.js';
export { PaynetPostgresStore } from '../../lib/postgres/index.js';
