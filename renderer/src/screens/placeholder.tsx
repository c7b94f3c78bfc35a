/** A screen whose features are not in this build yet: says so plainly, and what to do meanwhile. */
export function PlaceholderScreen({ title }: { title: string }) {
  return (
    <section aria-labelledby="screen-title">
      <h1 id="screen-title">{title}</h1>
      <div className="empty">
        <p>This screen is not in this build yet.</p>
        <p>
          Meanwhile the <code>tokenledger</code> command works on the same ledger file: run <code>npx tokenledger --help</code>.
        </p>
      </div>
    </section>
  );
}
