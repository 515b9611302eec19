import assert from 'node:assert/strict';
import Ajv from 'ajv';
import fs from 'node:fs';
import path from 'node:path';
import { applyTextEdits } from '../../src/core/text/jsonEdits';
import { isSharingFile, sharingFileFor, workflowFileFor } from '../../src/core/sharing/paths';
import { DEFAULT_SHARING_SETTINGS, parseSharingSettings, SHARING_CODES } from '../../src/core/sharing/settings';
import { sharingOptionEdits, toggledValue, toggleSharingOptionEdits, withSharingOption } from '../../src/core/sharing/sidecar';

function slice(text: string, range: { offset: number; length: number }): string {
  return text.slice(range.offset, range.offset + range.length);
}

describe('sharing: the sidecar file', () => {
  describe('paths', () => {
    it('puts the sidecar beside the workflow, and finds the workflow back', () => {
      assert.equal(sharingFileFor('/w/acme.workflow.json'), '/w/acme.workflow.sharing.json');
      assert.equal(sharingFileFor('file:///w/flow.json'), 'file:///w/flow.sharing.json');
      assert.equal(sharingFileFor('/w/flow.JSON'), '/w/flow.sharing.json');
      assert.equal(sharingFileFor('/w/flow'), '/w/flow.sharing.json');
      assert.equal(workflowFileFor('/w/acme.workflow.sharing.json'), '/w/acme.workflow.json');
      assert.equal(workflowFileFor('/w/acme.workflow.json'), undefined);
      assert.ok(isSharingFile('/w/a.sharing.json'));
      assert.ok(!isSharingFile('/w/a.workflow.json'));
      for (const p of ['/a/b.workflow.json', 'c:\\x\\y.json', 'untitled:z.json']) assert.equal(workflowFileFor(sharingFileFor(p)), p.replace(/\.JSON$/, '.json'));
    });
  });

  describe('parseSharingSettings', () => {
    it('uses the defaults for a missing or empty file, and for missing keys', () => {
      for (const text of [undefined, '', '  \n', '{}']) {
        const parsed = parseSharingSettings(text);
        assert.deepEqual(parsed.settings, DEFAULT_SHARING_SETTINGS);
        assert.deepEqual(parsed.explicit, {});
        assert.deepEqual(parsed.findings, []);
      }
      assert.deepEqual(parseSharingSettings('{ "runAccess": "owner-key" }').settings, { runAccess: 'owner-key', credentials: 'user-provided' });
    });

    it('reads values with their ranges, allowing comments and $schema', () => {
      const text = '{\n  // who pays\n  "$schema": "./s.json",\n  "runAccess": "owner-key",\n  "credentials": "owner-hidden"\n}';
      const parsed = parseSharingSettings(text);
      assert.deepEqual(parsed.settings, { runAccess: 'owner-key', credentials: 'owner-hidden' });
      assert.deepEqual(parsed.findings, []);
      assert.equal(slice(text, parsed.locations.runAccess!.value), '"owner-key"');
      assert.equal(slice(text, parsed.locations.credentials!.property), '"credentials": "owner-hidden"');
    });

    it('reports invalid values on the value, with fixes for each valid one, and falls back to the default', () => {
      const text = '{ "runAccess": "everyone", "credentials": true }';
      const parsed = parseSharingSettings(text);
      assert.deepEqual(parsed.settings, DEFAULT_SHARING_SETTINGS);
      assert.deepEqual(parsed.findings.map((f) => [f.code, f.severity, slice(text, f.range)]), [
        [SHARING_CODES.invalidValue, 'error', '"everyone"'],
        [SHARING_CODES.invalidValue, 'error', 'true'],
      ]);
      assert.match(parsed.findings[0].message, /"own-key" or "owner-key"/);
      assert.deepEqual(JSON.parse(applyTextEdits(text, parsed.findings[0].fixes![1].edits)).runAccess, 'owner-key');
    });

    it('reports unknown keys with a rename fix, syntax errors and non-objects', () => {
      const unknown = parseSharingSettings('{ "run_access": "owner-key" }');
      assert.deepEqual(unknown.findings.map((f) => [f.code, f.severity]), [[SHARING_CODES.unknownKey, 'warning']]);
      assert.equal(unknown.findings[0].fixes?.[0].edits[0].newText, '"runAccess"');
      assert.equal(parseSharingSettings('{ "runAccess": ').findings[0].code, SHARING_CODES.syntax);
      assert.equal(parseSharingSettings('["owner-key"]').findings[0].code, SHARING_CODES.notObject);
    });

    it('says what is wrong and how to fix it, on the exact text', () => {
      const typo = '{ "run_access": "owner-key", "colour": 1 }';
      const unknown = parseSharingSettings(typo);
      assert.deepEqual(
        unknown.findings.map((f) => [f.message, slice(typo, f.range), f.fixes?.map((x) => [x.title, x.preferred])]),
        [
          ['Unknown sharing setting `run_access`; did you mean `runAccess`? The settings are `runAccess` and `credentials`.', '"run_access"', [['Rename to `runAccess`', true]]],
          ['Unknown sharing setting `colour`. The settings are `runAccess` and `credentials`.', '"colour"', []],
        ],
      );
      const invalid = parseSharingSettings('{ "credentials": "mine" }');
      assert.equal(invalid.findings[0].message, '`credentials` must be "user-provided" or "owner-hidden"; the default, "user-provided", applies instead.');
      assert.deepEqual(invalid.findings[0].fixes!.map((f) => f.title), ['Set `credentials` to "user-provided"', 'Set `credentials` to "owner-hidden"']);

      const broken = '{ "runAccess": "owner-key" ';
      const syntax = parseSharingSettings(broken);
      assert.deepEqual(syntax.findings.map((f) => [f.code, f.severity, f.message, f.range.offset, f.range.length]), [
        [SHARING_CODES.syntax, 'error', 'The sharing configuration is not valid JSON (CloseBraceExpected).', broken.length, 1],
      ]);
      assert.deepEqual(syntax.settings, { runAccess: 'owner-key', credentials: 'user-provided' }, 'what could be read still applies');
      const trailing = parseSharingSettings('{ "runAccess": "owner-key", }');
      assert.deepEqual([trailing.findings, trailing.settings.runAccess], [[], 'owner-key'], 'a trailing comma is allowed');

      const list = parseSharingSettings('  ["owner-key"]');
      assert.deepEqual(list.findings.map((f) => [f.severity, f.message, f.range]), [
        ['error', 'The sharing configuration must be an object, such as `{ "runAccess": "own-key", "credentials": "user-provided" }`.', { offset: 2, length: 13 }],
      ]);
      assert.deepEqual(parseSharingSettings('{"runAccess": "owner-key", "runAccess": "own-key"}').duplicated, ['runAccess']);
    });
  });

  describe('edits', () => {
    it('creates the object for a missing or empty file', () => {
      assert.equal(withSharingOption(undefined, 'runAccess', 'owner-key'), '{\n  "runAccess": "owner-key"\n}\n');
      assert.equal(withSharingOption('   ', 'credentials', 'owner-hidden'), '{\n  "credentials": "owner-hidden"\n}\n');
      assert.deepEqual(sharingOptionEdits(undefined, 'runAccess', 'owner-key'), [{ offset: 0, length: 0, newText: '{\n  "runAccess": "owner-key"\n}\n' }]);
    });

    it('replaces a root that is not an object, in the file\'s indentation and line ends', () => {
      assert.deepEqual(JSON.parse(withSharingOption('"nope"', 'runAccess', 'owner-key')), { runAccess: 'owner-key' });
      assert.equal(withSharingOption('[\r\n\t"a"\r\n]', 'runAccess', 'owner-key'), '{\r\n\t"runAccess": "owner-key"\r\n}\r\n');
      assert.equal(withSharingOption('[\n    "a"\n]', 'credentials', 'owner-hidden'), '{\n    "credentials": "owner-hidden"\n}\n');
      assert.equal(withSharingOption('// only a comment\n', 'runAccess', 'owner-key'), '{\n  "runAccess": "owner-key"\n}\n');
    });

    it('changes the copy that applies when a key is written twice', () => {
      const text = '{ "runAccess": "own-key", /* old */ "runAccess": "own-key" }';
      assert.equal(withSharingOption(text, 'runAccess', 'owner-key'), '{ "runAccess": "own-key", /* old */ "runAccess": "owner-key" }');
      assert.equal(withSharingOption('{ "runAccess": "own-key", }', 'runAccess', 'owner-key'), '{ "runAccess": "owner-key", }', 'a trailing comma is kept');
    });

    it('changes a value in place, keeping comments and formatting', () => {
      const text = '{\n\t// shared with the field team\n\t"runAccess": "own-key", /* why */\n\t"credentials": "user-provided"\n}\n';
      const edited = withSharingOption(text, 'runAccess', 'owner-key');
      assert.equal(edited, text.replace('"own-key"', '"owner-key"'));
    });

    it('adds a missing key in the file\'s style', () => {
      const text = '{\r\n    // note\r\n    "runAccess": "owner-key"\r\n}\r\n';
      const edited = withSharingOption(text, 'credentials', 'owner-hidden');
      assert.ok(edited.includes('// note'));
      assert.ok(edited.includes('\r\n    "credentials": "owner-hidden"'), JSON.stringify(edited));
      assert.ok(!/[^\r]\n/.test(edited));
    });

    it('toggles each option from its current or default value', () => {
      assert.equal(toggledValue('runAccess'), 'owner-key');
      assert.equal(toggledValue('runAccess', 'owner-key'), 'own-key');
      assert.equal(toggledValue('credentials'), 'owner-hidden');
      const first = toggleSharingOptionEdits(undefined, 'credentials');
      assert.equal(first.value, 'owner-hidden');
      const once = applyTextEdits('', first.edits);
      const twice = applyTextEdits(once, toggleSharingOptionEdits(once, 'credentials').edits);
      assert.deepEqual(parseSharingSettings(twice).settings, DEFAULT_SHARING_SETTINGS);
    });
  });

  describe('schemas/sharing.schema.json', () => {
    const schema = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../../schemas/sharing.schema.json'), 'utf8'));
    const validate = new Ajv({ strict: false }).compile(schema);

    it('is draft-07 with descriptions', () => {
      assert.equal(schema.$schema, 'http://json-schema.org/draft-07/schema#');
      assert.ok(schema.description && schema.properties.runAccess.description && schema.properties.credentials.description);
      assert.deepEqual(schema.properties.runAccess.enum, ['own-key', 'owner-key']);
      assert.deepEqual(schema.properties.credentials.enum, ['user-provided', 'owner-hidden']);
    });

    it('agrees with the parser', () => {
      for (const doc of [{}, { runAccess: 'owner-key' }, { runAccess: 'own-key', credentials: 'owner-hidden', $schema: 'x' }]) {
        assert.ok(validate(doc), JSON.stringify(doc));
        assert.deepEqual(parseSharingSettings(JSON.stringify(doc)).findings, []);
      }
      for (const doc of [{ runAccess: 'everyone' }, { credentials: 1 }, { extra: true }, []]) {
        assert.ok(!validate(doc), JSON.stringify(doc));
        assert.ok(parseSharingSettings(JSON.stringify(doc)).findings.length > 0, JSON.stringify(doc));
      }
    });
  });
});
