import {
  IsNotEmpty,
  IsOptional,
  IsString,
  registerDecorator,
  type ValidationArguments,
  MaxLength,
} from 'class-validator';

/**
 * Largest document `applications.uploadDocument` accepts, in bytes once decoded (10 MiB). Paynet
 * documents no limit; this one keeps a mistaken upload from building a huge request body.
 */
export const MAX_APPLICATION_DOCUMENT_BYTES = 10 * 1024 * 1024;

/**
 * Whether `value` is plain base64: alphabet characters, then at most two `=`. A loop, not a regular
 * expression: a pattern run over a 14 MB string can exhaust V8's backtracking stack (a RangeError
 * seen in long test runs), which would refuse a valid file as unreadable.
 */
function isPlainBase64(value: string): boolean {
  let end = value.length;
  if (value.charCodeAt(end - 1) === 61) end--; // '='
  if (value.charCodeAt(end - 1) === 61) end--;
  if (end === 0) return false;
  for (let i = 0; i < end; i++) {
    const c = value.charCodeAt(i);
    const ok = (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 43 || c === 47; // A-Z a-z 0-9 + /
    if (!ok) return false;
  }
  return true;
}

/** Decoded size of a well-formed base64 string. */
function decodedBytes(value: string): number {
  const padding = value.endsWith('==') ? 2 : value.endsWith('=') ? 1 : 0;
  return (value.length / 4) * 3 - padding;
}

/**
 * A file as standard base64 (RFC 4648 alphabet `A-Z a-z 0-9 + /`, `=` padding, length a multiple
 * of 4), with no `data:` prefix, whitespace or line breaks, at most `maxBytes` once decoded.
 */
export function IsBase64File(maxBytes: number = MAX_APPLICATION_DOCUMENT_BYTES) {
  const maxChars = Math.ceil(maxBytes / 3) * 4;
  return function (object: object, propertyName: string) {
    registerDecorator({
      name: 'isBase64File',
      target: object.constructor,
      propertyName,
      constraints: [maxBytes],
      validator: {
        validate(value: unknown) {
          if (typeof value !== 'string' || value.length === 0 || value.length % 4 !== 0) return false;
          // Length first, so an oversized string is refused before the pattern scans it.
          if (value.length > maxChars) return false;
          return isPlainBase64(value) && decodedBytes(value) <= maxBytes;
        },
        defaultMessage(args: ValidationArguments) {
          return `${args.property} must be the file as plain base64 (no data: prefix, no line breaks) of at most ${maxBytes} bytes once decoded`;
        },
      },
    });
  };
}

/**
 * Request of `applications.uploadDocument` (Doküman Yükleme,
 * `POST /v1/membership/upload_file_insert`): attaches one document to an application form.
 */
export class UploadApplicationDocumentDto {
  /** Id of the application form. */
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  form_id!: string;

  /** Document type id (from `applications.documentTypes`), as a string. */
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  doctype_id!: string;

  /**
   * The file as plain base64 (e.g. `buffer.toString('base64')`), at most
   * {@link MAX_APPLICATION_DOCUMENT_BYTES} once decoded. Marked optional in the (legacy) doc,
   * which is why it is optional here, but an upload without it carries no document.
   */
  @IsOptional()
  @IsBase64File()
  pars_base64?: string;
}
