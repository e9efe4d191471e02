import { registerDecorator } from 'class-validator';

/**
 * Gives a field-less DTO validation metadata, so that the validator (run with
 * `forbidUnknownValues`) accepts an empty object while every sent field is still rejected as
 * unknown. The metadata sits on a property no caller sets; a value there is refused as well.
 */
function AcceptsNoFields(): ClassDecorator {
  return (target) => {
    registerDecorator({
      name: 'acceptsNoFields',
      target,
      propertyName: '__no_fields__',
      options: { message: 'this service takes no request fields' },
      validator: {
        validate: (value: unknown) => value === undefined,
      },
    });
  };
}

/**
 * Request of `applications.allDocumentTypes` (Döküman Tipleri Çekme,
 * `POST /v1/membership/formtypes_and_doctypes_all`): takes no fields; pass `{}`.
 */
@AcceptsNoFields()
export class GetAllDocumentTypesDto {}
