/**
 * @module A secret the server shows once (an API key, a webhook signing secret): a warning, the
 * value, a copy button. The value lives only in the mutation that returned it; the caller drops
 * it (`reset`) when the person is done or leaves the page.
 */
import { useState } from 'react';

export function SecretOnce({ title, secret, onDone }: { title: string; secret: string; onDone: () => void }) {
  const [copied, setCopied] = useState<'yes' | 'no' | null>(null);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(secret);
      setCopied('yes');
    } catch {
      setCopied('no');
    }
  };
  return (
    <section className="card secret-once" aria-labelledby="secret-once-title">
      <h2 id="secret-once-title">{title}</h2>
      <p className="warning">
        <strong>Copy it now.</strong> It is shown only this once: Patchbay will never show it again.
      </p>
      <div className="secret-row">
        <code data-testid="secret-value">{secret}</code>
        <button type="button" onClick={copy}>
          Copy
        </button>
      </div>
      <p role="status" className="muted">
        {copied === 'yes'
          ? 'Copied to the clipboard.'
          : copied === 'no'
            ? 'Copying was refused by the browser: select the text and copy it.'
            : ''}
      </p>
      <button type="button" onClick={onDone}>
        I have stored it
      </button>
    </section>
  );
}
