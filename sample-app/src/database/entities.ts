import { CallbackClaim } from './callback-claim.entity.js';
import { Customer } from './customer.entity.js';
import { OrderEvent } from './order-event.entity.js';
import { Order } from './order.entity.js';

export { CallbackClaim, Customer, Order, OrderEvent };

/** Every entity of the sample, for `TypeOrmModule`. */
export const SAMPLE_ENTITIES = [Order, OrderEvent, Customer, CallbackClaim];
