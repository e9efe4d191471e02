/**
 * Gives an object its prototype methods bound to it, so a method passed around keeps its object
 * (`ids.map(paynet.transactions.check)`, `const { once, completeThreeDs } = paynet.callbacks`,
 * `setInterval(paynet.reconciliation.sweep, 60_000)`): own, not enumerable, writable properties
 * (replaceable by a test spy). Walks the prototype chain from the object's own class up to, not
 * including, `stopAt`; a subclass's override is the one bound. Getters, setters and the
 * constructor are left alone.
 */
export function bindMethods(instance: object, stopAt: object | null = Object.prototype): void {
  for (
    let proto: object | null = Object.getPrototypeOf(instance) as object | null;
    proto !== null && proto !== stopAt;
    proto = Object.getPrototypeOf(proto) as object | null
  ) {
    for (const name of Object.getOwnPropertyNames(proto)) {
      if (name === 'constructor' || Object.prototype.hasOwnProperty.call(instance, name)) continue;
      const method: unknown = Object.getOwnPropertyDescriptor(proto, name)?.value;
      if (typeof method !== 'function') continue;
      Object.defineProperty(instance, name, {
        value: (method as (...args: unknown[]) => unknown).bind(instance),
        writable: true,
        configurable: true,
        enumerable: false,
      });
    }
  }
}
