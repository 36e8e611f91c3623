// What a question asks besides its topic: here, whether it asks for the body that receives a
// recommendation ("whom does X recommend to?") rather than the one that makes it.
import assert from 'node:assert/strict';
import { asksRecipient } from '../../src/engine/question';
import { foldText } from '../../src/engine/normalize';

const recipient = (q: string) => asksRecipient(foldText(q));

describe('reading who receives a recommendation', () => {
  it('hears "to whom", "whom ... recommend", "recommend ... to?", "indstillet til?", "anbefale at"', () => {
    assert.ok(recipient('To whom does the steering group make its recommendations on cooperation agreements?'));
    assert.ok(recipient('Who does the steering group make recommendations to?'));
    assert.ok(recipient('Whom does SKU recommend the agreements to?'));
    assert.ok(recipient('SKU indstiller samarbejdsaftalerne – men hvem bliver de indstillet til (2019)?'));
    assert.ok(recipient('Hvem indstiller Sundhedsstyregruppen samarbejdsaftaler til?'));
    assert.ok(recipient('Dialogforum kan ikke selv beslutte – hvem kan det anbefale at tage en sag op?'));
    assert.ok(recipient('Til hvem sender formandskabet sine indstillinger?'));
  });

  it('does not hear it in questions about who recommends or decides', () => {
    assert.ok(!recipient('Hvem indstiller samarbejdsaftaler til godkendelse?'));
    assert.ok(!recipient('Who recommends cooperation agreements to the SKU?'));
    assert.ok(!recipient('Hvem beslutter samarbejdsaftaler?'));
    assert.ok(!recipient('Who proposes new development tasks?'));
  });
});
