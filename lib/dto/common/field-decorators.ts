/**
 * Several property decorators as one, for a field whose checks several DTOs share. They are applied
 * the way TypeScript applies a stack written in the same order (the last one first), so a field
 * decorated with `fieldDecorators(A(), B())` carries the metadata `@A() @B()` gives it, in the same order
 * (e.g. `fieldDecorators(IsOptional(), IsString(), MaxLength(50))` for an optional reference).
 */
export function fieldDecorators(...decorators: PropertyDecorator[]): PropertyDecorator {
  return (target: object, propertyKey: string | symbol) => {
    for (let i = decorators.length - 1; i >= 0; i--) decorators[i]!(target, propertyKey);
  };
}
