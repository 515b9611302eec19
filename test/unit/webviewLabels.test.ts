import assert from 'node:assert/strict';
import { kindBesideName } from '../../src/webview/labels';

describe('preview headings: a name and its kind', () => {
  it('leaves the kind out when the name already says it, so no heading reads "image image"', () => {
    assert.equal(kindBesideName('image', 'image'), undefined);
    assert.equal(kindBesideName('Image', 'image'), undefined);
    assert.equal(kindBesideName('multi_label-classification', 'multi-label classification'), undefined);
    assert.equal(kindBesideName('key_points', 'keypoints'), undefined, 'a separator on one side only');
  });

  it('keeps it beside any other name', () => {
    assert.equal(kindBesideName('photo', 'image'), 'image');
    assert.equal(kindBesideName('images', '3 images'), '3 images');
    assert.equal(kindBesideName('annotated', 'image'), 'image');
    assert.equal(kindBesideName('maße', 'masse'), 'masse', 'compared in lower case: ß is not ss');
  });
});
