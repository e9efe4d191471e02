/** Application (başvuru) services: merchant membership forms and their documents. */
import { badRequest, notFound } from '../errors.js';
import type { FakeApplication } from '../records.js';
import { ok, route, type FakeContext, type FakeRoute } from './context.js';

/** Document types per form type (2 individual, 3 commercial). */
export const FAKE_DOC_TYPES: readonly {
  formtype_id: number;
  doctype_id: number;
  formtype_desc: string;
  doctype_desc: string;
  is_required: boolean;
}[] = [
  {
    formtype_id: 2,
    doctype_id: 1,
    formtype_desc: 'Şahıs',
    doctype_desc: 'Kimlik Fotokopisi',
    is_required: true,
  },
  { formtype_id: 2, doctype_id: 2, formtype_desc: 'Şahıs', doctype_desc: 'Vergi Levhası', is_required: true },
  { formtype_id: 2, doctype_id: 3, formtype_desc: 'Şahıs', doctype_desc: 'İkametgah', is_required: false },
  {
    formtype_id: 3,
    doctype_id: 1,
    formtype_desc: 'Ticari',
    doctype_desc: 'Kimlik Fotokopisi',
    is_required: true,
  },
  {
    formtype_id: 3,
    doctype_id: 2,
    formtype_desc: 'Ticari',
    doctype_desc: 'Vergi Levhası',
    is_required: true,
  },
  {
    formtype_id: 3,
    doctype_id: 4,
    formtype_desc: 'Ticari',
    doctype_desc: 'İmza Sirküleri',
    is_required: true,
  },
  {
    formtype_id: 3,
    doctype_id: 5,
    formtype_desc: 'Ticari',
    doctype_desc: 'Ticaret Sicil Gazetesi',
    is_required: true,
  },
];

const REQUIRED = ['contact_gsm_no', 'contact_name', 'contact_surname', 'contact_mail', 'company_name'];
const OPTIONAL = [
  'agent_reference',
  'tax_office',
  'tckn_vkn',
  'adres1',
  'adres2',
  'city',
  'province',
  'postal_code',
  'iban',
  'company_fieldof_activity',
  'products_to_be_sold',
  'phone',
  'infrastructure_provider',
  'web_site',
];

function insert(ctx: FakeContext): Record<string, unknown> {
  const fields: Record<string, string> = {};
  for (const k of REQUIRED) fields[k] = ctx.f.reqStr(k, { max: 200 });
  if (!/^\S+@\S+\.\S+$/.test(fields.contact_mail!))
    throw badRequest('contact_mail must be an e-mail address');
  for (const k of OPTIONAL) {
    const v = ctx.f.str(k, { max: 500 });
    if (v !== undefined) fields[k] = v;
  }
  const app: FakeApplication = {
    form_id: ctx.store.nextSmall(),
    created: ctx.store.clock.now(),
    fields,
    documents: [],
  };
  ctx.store.applications.set(app.form_id, app);
  return ok('formdata_insert', { form_id: app.form_id });
}

function findApp(ctx: FakeContext): FakeApplication {
  const id = ctx.f.reqInt('form_id');
  const app = ctx.store.applications.get(id);
  if (!app) throw notFound(`form_id ${id} not found`);
  return app;
}

function get(ctx: FakeContext): Record<string, unknown> {
  const app = findApp(ctx);
  const vkn = ctx.f.reqStr('Vkn_Tckn', { aliases: ['vkn_tckn'] });
  if (app.fields.tckn_vkn && app.fields.tckn_vkn !== vkn)
    throw notFound('no application with this form_id and Vkn_Tckn');
  const f = app.fields;
  const id = f.tckn_vkn ?? '';
  return ok('formdata_get', {
    Data: [
      {
        form_id: app.form_id,
        status: 0,
        channel: 1,
        channelDesc: 'API',
        documentFormid: app.form_id,
        platform: 'api',
        device_id: '',
        contact_name: `${f.contact_name} ${f.contact_surname}`,
        contact_gsm_no: f.contact_gsm_no,
        contact_mail: f.contact_mail,
        company_name: f.company_name,
        company_code: '',
        company_ratio: 0,
        FormID_Enc: Buffer.from(String(app.form_id)).toString('base64'),
        form_type: id.length === 11 ? 2 : 3,
        tckn: id.length === 11 ? id : '',
        vkn: id.length === 10 ? id : '',
        adres1: f.adres1 ?? '',
        adres2: f.adres2 ?? '',
        city: f.city ?? '',
        province: f.province ?? '',
        postal_code: f.postal_code ?? '',
        iban: f.iban ?? '',
        company_fieldof_activity: f.company_fieldof_activity ?? '',
        products_to_be_sold: f.products_to_be_sold ?? '',
        documents: app.documents,
      },
    ],
  });
}

function docTypes(ctx: FakeContext): Record<string, unknown> {
  const type = ctx.f.reqInt('form_type');
  if (type !== 2 && type !== 3) throw badRequest('form_type must be 2 (individual) or 3 (commercial)');
  return ok('formtypes_and_doctypes', { Data: FAKE_DOC_TYPES.filter((d) => d.formtype_id === type) });
}

function upload(ctx: FakeContext): Record<string, unknown> {
  const app = findApp(ctx);
  const doctype = ctx.f.reqStr('doctype_id');
  if (!FAKE_DOC_TYPES.some((d) => String(d.doctype_id) === doctype))
    throw badRequest('doctype_id is not a known document type');
  const data = ctx.f.str('pars_base64') ?? '';
  if (data && !/^[A-Za-z0-9+/=\s]+$/.test(data)) throw badRequest('pars_base64 must be base64');
  app.documents.push({ doctype_id: doctype, size: Math.floor((data.length * 3) / 4) });
  return ok('upload_file_insert');
}

export const applicationRoutes: readonly FakeRoute[] = [
  route('/v1/membership/formdata_insert', insert),
  route('/v1/membership/formdata_get', get),
  route('/v1/membership/formtypes_and_doctypes', docTypes),
  route('/v1/membership/formtypes_and_doctypes_all', () =>
    ok('formtypes_and_doctypes_all', { Data: [...FAKE_DOC_TYPES] }),
  ),
  route('/v1/membership/upload_file_insert', upload),
];
