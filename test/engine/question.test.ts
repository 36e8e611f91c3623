// What a question asks besides its topic: here, whether it asks for the body that receives a
// recommendation ("whom does X recommend to?") rather than the one that makes it.
import assert from 'node:assert/strict';
import { asksRecipient, besidesClause } from '../../src/engine/question';
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

describe('reading what a question leaves out ("ud over", "besides")', () => {
  it('finds the clause after the marker, up to the punctuation that ends it', () => {
    assert.equal(
      besidesClause('Hvem deltager ud over de to sundhedsdirektører fra PPU?'),
      'de to sundhedsdirektører fra PPU',
    );
    assert.equal(besidesClause('Udover borgmestrene – hvem sidder i KKR?'), 'borgmestrene');
    assert.equal(besidesClause('Besides the directors from FU, who else sits on SKU?'), 'the directors from FU');
    assert.equal(besidesClause('Apart from SSG: who approves it?'), 'SSG');
  });

  it('finds none in a question without the marker, or where the words are part of another word', () => {
    assert.equal(besidesClause('Hvem deltager i forhandlingsgruppen?'), undefined);
    assert.equal(besidesClause('Hvem har overblikket over klyngerne?'), undefined);
    assert.equal(besidesClause('Who else sits on SKU besides?'), undefined);
  });
});
