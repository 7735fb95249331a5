import { Fragment } from 'react';

/**
 * Shows "ts:cpId:cpDeploymentId:email:nonce" with every field boxed and labelled, so an empty email
 * (the "::" case) or a stray space is visible at a glance.
 */
export function CanonicalView({ canonical, labels }: { canonical: string; labels: readonly string[] }) {
  const parts = canonical.split(':');
  // Extra ":" inside a field would split it; fold the surplus into the middle field so labels stay aligned.
  const fields =
    parts.length > labels.length
      ? [...parts.slice(0, 3), parts.slice(3, parts.length - 1).join(':'), parts[parts.length - 1]!]
      : parts;
  return (
    <div className="canonical" aria-label={`Canonical string: ${canonical}`}>
      {fields.map((value, i) => (
        <Fragment key={i}>
          {i > 0 && (
            <span className="canonical-sep" aria-hidden="true">
              :
            </span>
          )}
          <span className="canonical-field" data-empty={value === '' ? 'true' : 'false'} title={labels[i] ?? ''}>
            {value === '' ? `(empty ${labels[i] ?? 'field'})` : value}
          </span>
        </Fragment>
      ))}
    </div>
  );
}
