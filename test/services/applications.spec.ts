import 'reflect-metadata';
import { describe, expect, it } from '@jest/globals';
import { MAX_APPLICATION_DOCUMENT_BYTES } from '../../lib/dto/applications/index.js';
import { loose, OK, useServiceKit, validationError } from '../support/service-kit.js';
import { APPLICATIONS } from '../../lib/resources/applications.resource.js';

const APPLICATION = {
  contact_gsm_no: '5324818942',
  contact_name: 'Ayşe',
  contact_surname: 'Yılmaz',
  contact_mail: 'ayse@example.com',
  company_name: 'Acme Ltd',
};
const LEGACY_FIELDS = {
  agent_reference: 'BAYI-1',
  tax_office: 'Kadıköy',
  tckn_vkn: '1234567890',
  adres1: 'Caferağa Mah. 1',
  adres2: 'No 2',
  city: '34',
  province: 'Kadıköy',
  postal_code: '34710',
  iban: 'TR330006100519786457841326',
  company_fieldof_activity: 'Perakende',
  products_to_be_sold: 'Kitap',
  phone: '2163334455',
  infrastructure_provider: 'WooCommerce',
  web_site: 'www.acme.com',
};
const PDF_BASE64 = Buffer.from('%PDF-1.4 test document').toString('base64');

describe('applications resource', () => {
  const { server, paynet, onlyRequest, expectNothingSent } = useServiceKit();

  it('declares one spec per API-MAP row, in order, with the right safety', () => {
    expect(
      APPLICATIONS.services.map((s) => [s.name, s.path, s.key, s.safety, s.succeedFlag ?? false]),
    ).toEqual([
      ['applications.create', '/v1/membership/formdata_insert', 'secret', 'write', false],
      ['applications.get', '/v1/membership/formdata_get', 'secret', 'read', false],
      ['applications.documentTypes', '/v1/membership/formtypes_and_doctypes', 'secret', 'read', false],
      ['applications.allDocumentTypes', '/v1/membership/formtypes_and_doctypes_all', 'secret', 'read', false],
      ['applications.uploadDocument', '/v1/membership/upload_file_insert', 'secret', 'write', false],
    ]);
    expect(APPLICATIONS.services.every((s) => s.amounts === undefined && s.serialize === undefined)).toBe(
      true,
    );
  });

  describe('create', () => {
    it('POSTs the required fields to /v1/membership/formdata_insert', async () => {
      server.reply = () => ({ body: { ...OK, object_name: 'formdata', form_id: 4711 } });
      const res = await paynet.applications.create(APPLICATION);
      expect(res.form_id).toBe(4711);
      expect(onlyRequest('/v1/membership/formdata_insert').json).toEqual(APPLICATION);
    });

    it('sends the legacy optional fields with their wire names (adres1, company_fieldof_activity)', async () => {
      await paynet.applications.create({ ...APPLICATION, ...LEGACY_FIELDS });
      expect(onlyRequest('/v1/membership/formdata_insert').json).toEqual({
        ...APPLICATION,
        ...LEGACY_FIELDS,
      });
    });

    it('refuses each missing required field without sending', async () => {
      for (const field of Object.keys(APPLICATION)) {
        const params: Record<string, unknown> = { ...APPLICATION };
        delete params[field];
        const err = await validationError(() => paynet.applications.create(loose(params)));
        expect(err.fields).toEqual([field]);
      }
      expectNothingSent();
    });

    it('enforces the documented lengths and shapes', async () => {
      const cases: [string, unknown][] = [
        ['contact_gsm_no', '05324818942'],
        ['contact_gsm_no', '532481894'],
        ['contact_name', 'x'.repeat(51)],
        ['contact_surname', 'x'.repeat(51)],
        ['contact_mail', 'not-an-email'],
        ['contact_mail', `${'a'.repeat(40)}@example.com`],
        ['company_name', 'x'.repeat(41)],
        ['agent_reference', 'x'.repeat(51)],
        ['tckn', '1234567890'],
        ['tckn', '123456789012'],
        ['vkn', '12345678901'],
        ['vkn', '123456789a'],
        ['tax_office', 'x'.repeat(21)],
        ['tckn_vkn', '123456789'],
        ['tckn_vkn', '12345678901a'],
        ['adres1', 'x'.repeat(51)],
        ['postal_code', '123456789'],
        ['iban', 'TR33 0006 1005 1978 6457 8413 26'],
        ['iban', 'TR330006100519786457841327'],
        ['iban', 'DE89370400440532013000'],
        ['products_to_be_sold', 'x'.repeat(201)],
        ['phone', '+902163334455'],
        ['web_site', 'not a url'],
      ];
      for (const [field, value] of cases) {
        const err = await validationError(() =>
          paynet.applications.create(loose({ ...APPLICATION, [field]: value })),
        );
        expect([field, err.fields]).toEqual([field, [field]]);
      }
      const tckn = { ...APPLICATION, tckn_vkn: '12345678901' };
      await paynet.applications.create(tckn);
      expect(server.requests).toHaveLength(1);
    });

    it("wire 2: applications.create takes the current page's tckn (11) and vkn (10), the legacy tckn_vkn, and agent_reference up to 50", async () => {
      await paynet.applications.create({
        ...APPLICATION,
        tckn: '12345678901',
        vkn: '1234567890',
        agent_reference: 'B'.repeat(50),
      });
      expect(onlyRequest('/v1/membership/formdata_insert').json).toEqual({
        ...APPLICATION,
        tckn: '12345678901',
        vkn: '1234567890',
        agent_reference: 'B'.repeat(50),
      });
      server.requests.length = 0;
      await paynet.applications.create({ ...APPLICATION, tckn_vkn: '1234567890' });
      expect(onlyRequest().json).toEqual({ ...APPLICATION, tckn_vkn: '1234567890' });
    });

    it('refuses unknown fields (e.g. a corrected spelling) without sending', async () => {
      const err = await validationError(() =>
        paynet.applications.create(loose({ ...APPLICATION, address1: 'x', form_type: 2 })),
      );
      expect(err.fields.sort()).toEqual(['address1', 'form_type']);
      expectNothingSent();
    });
  });

  describe('get', () => {
    it('wire 2: POSTs form_id (required) and Vkn_Tckn (optional) to /v1/membership/formdata_get and returns Data', async () => {
      server.reply = () => ({
        body: { ...OK, Data: [{ form_id: 12345, status: 1, form_type: 3, company_name: 'Acme Ltd' }] },
      });
      const res = await paynet.applications.get({ form_id: '12345', Vkn_Tckn: '1234567890' });
      expect(res.Data?.[0].form_type).toBe(3);
      expect(onlyRequest('/v1/membership/formdata_get').json).toEqual({
        form_id: '12345',
        Vkn_Tckn: '1234567890',
      });
    });

    it('refuses a missing or malformed id, and unknown fields, without sending', async () => {
      // wire 2: Vkn_Tckn is optional now (one current copy of the page asks form_id only)
      await paynet.applications.get({ form_id: '12345' });
      expect(onlyRequest('/v1/membership/formdata_get').json).toEqual({ form_id: '12345' });
      server.requests.length = 0;
      const noForm = await validationError(() => paynet.applications.get(loose({ Vkn_Tckn: '1234567890' })));
      expect(noForm.fields).toEqual(['form_id']);
      const numeric = await validationError(() =>
        paynet.applications.get(loose({ form_id: 12345, Vkn_Tckn: '1234567890' })),
      );
      expect(numeric.fields).toEqual(['form_id']);
      const bad = await validationError(() => paynet.applications.get({ form_id: '1', Vkn_Tckn: '12-345' }));
      expect(bad.fields).toEqual(['Vkn_Tckn']);
      const unknown = await validationError(() =>
        paynet.applications.get(loose({ form_id: '1', Vkn_Tckn: '1234567890', vkn_tckn: '1234567890' })),
      );
      expect(unknown.fields).toEqual(['vkn_tckn']);
      expectNothingSent();
    });
  });

  describe('documentTypes', () => {
    it('POSTs form_type to /v1/membership/formtypes_and_doctypes', async () => {
      server.reply = () => ({
        body: {
          ...OK,
          Data: [
            {
              formtype_id: 3,
              doctype_id: 7,
              formtype_desc: 'Ticari',
              doctype_desc: 'Vergi Levhası',
              is_required: true,
            },
          ],
        },
      });
      const res = await paynet.applications.documentTypes({ form_type: 3 });
      expect(res.Data?.[0].is_required).toBe(true);
      expect(onlyRequest('/v1/membership/formtypes_and_doctypes').json).toEqual({ form_type: 3 });
    });

    it('refuses a missing form type, a type other than 2 or 3 and unknown fields without sending', async () => {
      const missing = await validationError(() => paynet.applications.documentTypes(loose({})));
      expect(missing.fields).toEqual(['form_type']);
      for (const value of [1, 4, '4', 2.5, '2.0x']) {
        const err = await validationError(() =>
          paynet.applications.documentTypes(loose({ form_type: value })),
        );
        expect(err.fields).toEqual(['form_type']);
      }
      const unknown = await validationError(() =>
        paynet.applications.documentTypes(loose({ form_type: 2, formtype_id: 2 })),
      );
      expect(unknown.fields).toEqual(['formtype_id']);
      expectNothingSent();
    });
  });

  describe('allDocumentTypes', () => {
    it('POSTs an empty object to /v1/membership/formtypes_and_doctypes_all', async () => {
      server.reply = () => ({
        body: { ...OK, Data: [{ formtype_id: 2, doctype_id: 1, is_required: false }] },
      });
      const res = await paynet.applications.allDocumentTypes({});
      expect(res.Data).toHaveLength(1);
      expect(onlyRequest('/v1/membership/formtypes_and_doctypes_all').json).toEqual({});
    });

    it('can be called without arguments', async () => {
      await paynet.applications.allDocumentTypes();
      expect(onlyRequest('/v1/membership/formtypes_and_doctypes_all').json).toEqual({});
    });

    it('refuses any field without sending', async () => {
      const err = await validationError(() => paynet.applications.allDocumentTypes(loose({ form_type: 2 })));
      expect(err.fields).toEqual(['form_type']);
      const hidden = await validationError(() =>
        paynet.applications.allDocumentTypes(loose({ __no_fields__: 1 })),
      );
      expect(hidden.fields).toEqual(['__no_fields__']);
      expectNothingSent();
    });
  });

  describe('uploadDocument', () => {
    it('POSTs the ids and the base64 file to /v1/membership/upload_file_insert', async () => {
      await paynet.applications.uploadDocument({
        form_id: '12345',
        doctype_id: '7',
        pars_base64: PDF_BASE64,
      });
      expect(onlyRequest('/v1/membership/upload_file_insert').json).toEqual({
        form_id: '12345',
        doctype_id: '7',
        pars_base64: PDF_BASE64,
      });
    });

    it('sends a file of exactly the maximum size', async () => {
      const big = Buffer.alloc(MAX_APPLICATION_DOCUMENT_BYTES, 1).toString('base64');
      await paynet.applications.uploadDocument({ form_id: '12345', doctype_id: '7', pars_base64: big });
      const body = onlyRequest('/v1/membership/upload_file_insert').json as { pars_base64: string };
      expect(Buffer.from(body.pars_base64, 'base64')).toHaveLength(MAX_APPLICATION_DOCUMENT_BYTES);
    });

    it('refuses a file that is not plain base64 or is too large, without sending', async () => {
      const bad = [
        `data:application/pdf;base64,${PDF_BASE64}`,
        'abc',
        'ab=c',
        'YWJj\nZGVm',
        'YW Jj',
        'YWJj===',
        'Y***',
        '',
        Buffer.alloc(MAX_APPLICATION_DOCUMENT_BYTES + 1, 1).toString('base64'),
      ];
      for (const pars_base64 of bad) {
        const err = await validationError(() =>
          paynet.applications.uploadDocument({ form_id: '12345', doctype_id: '7', pars_base64 }),
        );
        expect(err.fields).toEqual(['pars_base64']);
        expect(err.message).not.toContain(PDF_BASE64);
      }
      expectNothingSent();
    });

    it('refuses missing ids and unknown fields without sending', async () => {
      const missing = await validationError(() =>
        paynet.applications.uploadDocument(loose({ form_id: '12345', pars_base64: PDF_BASE64 })),
      );
      expect(missing.fields).toEqual(['doctype_id']);
      const unknown = await validationError(() =>
        paynet.applications.uploadDocument(
          loose({ form_id: '12345', doctype_id: '7', pars_base64: PDF_BASE64, file_name: 'a.pdf' }),
        ),
      );
      expect(unknown.fields).toEqual(['file_name']);
      expectNothingSent();
    });
  });
});
