/** The date fields of the index-paged list services (`datab`, `datbi`). */

/** `yyyy-MM-dd` (what the samples send) or `dd.MM.yyyy` (used by other Paynet list examples). */
export const LIST_DATE =
  /^(\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])|(0[1-9]|[12]\d|3[01])\.(0[1-9]|1[0-2])\.\d{4})$/;

/** The message of a `datab` / `datbi` that does not match {@link LIST_DATE}. */
export const LIST_DATE_MESSAGE = '$property must be a date as yyyy-MM-dd (or dd.MM.yyyy)';
