// A messaging component: every message the host hands it (from the subscriptions of the link to it) is published
// back, its body upper-cased, to the message's reply subject, or to `{subject}.echo` when it has none.
import { publish } from 'wasmcloud:messaging/consumer@0.2.0';

export const handler = {
  handleMessage(message) {
    const text = new TextDecoder().decode(message.body);
    publish({
      subject: message.replyTo ?? `${message.subject}.echo`,
      body: new TextEncoder().encode(text.toUpperCase()),
      replyTo: undefined,
    });
  },
};
