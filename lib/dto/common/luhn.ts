/** The one Luhn check, kept with the redactor (which sits below the DTOs and reads it too). */
export { luhnValid } from '../../redaction/index.js';
