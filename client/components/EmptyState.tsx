import type { ReactNode } from 'react';

interface Props {
  /** That there is nothing here yet. */
  message: string;
  /** What to do about it, or, for someone who cannot act, what will appear here and when. */
  hint: string;
  /** The button that takes the step, offered only to someone who may take it. */
  action?: ReactNode;
}

/** An empty list that points to the next step instead of ending the conversation. */
export function EmptyState({ message, hint, action }: Props) {
  return (
    <div className="empty-state">
      <p>
        {message} {hint}
      </p>
      {action && <p>{action}</p>}
    </div>
  );
}
