// The text of what people write in Teams (HTML with a few entities): the question the bot is asked
// and the message a case is made from decode entities the same way, in one pass.
import assert from 'node:assert/strict';
import type { Activity } from 'botbuilder';
import { messageText } from '../../src/teams/handlers/message-extension';
import { questionText } from '../../src/teams/turn';

const personal = (text: string) =>
  ({ type: 'message', text, conversation: { conversationType: 'personal' } }) as Activity;

describe('the text of a Teams message', () => {
  it('decodes the entities Teams writes, once: "&amp;lt;" is the text "&lt;", not "<"', () => {
    assert.equal(questionText(personal('Hvem beslutter om IV &amp; KOL?')), 'Hvem beslutter om IV & KOL?');
    assert.equal(questionText(personal('skriv &amp;lt;b&amp;gt; og&nbsp;&quot;x&quot;')), 'skriv &lt;b&gt; og "x"');
    assert.equal(messageText('<p>a &amp;lt; b &lt; c&#39;s</p>', 'html'), "a &lt; b < c's");
    assert.equal(messageText('&copy; stays', 'html'), '&copy; stays');
  });
});
