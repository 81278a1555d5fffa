// A wasmcloud:messaging@0.3.0 component. What it does with a message depends on the last word of its subject:
//   echo     replies with the body upper-cased; a message with metadata gets it back with `handled-by` added;
//   relay    the body is {"topic", "expect", "timeoutMs"}: requests that topic and replies with the answers' bodies;
//   send     sends the body to `{subject}.out`; a message with metadata passes it on with `sent-by` added;
//   orphan   replies to a message made here (it has no reply subject) and sends the error to `{subject}.out`;
//   mismatch connects a client named `other` (not the link's name) and replies with the error that gives;
//   fail     fails the message (the host logs the reason).
import { Client, Message } from 'wasmcloud:messaging/types@0.3.0';
import { send } from 'wasmcloud:messaging/producer@0.3.0';
import { request, reply, RequestOptions } from 'wasmcloud:messaging/request-reply@0.3.0';

const text = (bytes) => new TextDecoder().decode(bytes);
const bytes = (value) => new TextEncoder().encode(value);
const failure = (e) => e?.payload ?? { tag: 'other', val: String(e) };

function answer(message, body) {
  reply(message, new Message(bytes(typeof body === 'string' ? body : JSON.stringify(body))));
}

export const incomingHandler = {
  handle(message) {
    const topic = message.topic() ?? '';
    const action = topic.split('.').pop();
    const client = Client.connect('');
    switch (action) {
      case 'echo': {
        const out = new Message(bytes(text(message.data()).toUpperCase()));
        const metadata = message.metadata();
        if (metadata) {
          out.setMetadata(metadata);
          out.addMetadata('handled-by', 'request-reply');
        }
        reply(message, out);
        return;
      }
      case 'relay': {
        const { topic: target, expect, timeoutMs } = JSON.parse(text(message.data()));
        const options = new RequestOptions();
        if (timeoutMs !== undefined) options.setTimeoutMs(timeoutMs);
        if (expect !== undefined) options.setExpectedReplies(expect);
        try {
          const replies = request(client, target, new Message(bytes('ping')), options);
          answer(message, { replies: replies.map((r) => text(r.data())) });
        } catch (e) {
          answer(message, { error: failure(e) });
        }
        return;
      }
      case 'send': {
        const out = new Message(message.data());
        const metadata = message.metadata();
        if (metadata) {
          for (const [key, value] of metadata) out.addMetadata(key, value);
          out.addMetadata('sent-by', 'request-reply');
        }
        send(client, `${topic}.out`, out);
        return;
      }
      case 'orphan': {
        try {
          reply(new Message(bytes('made here')), new Message(bytes('nobody')));
          send(client, `${topic}.out`, new Message(bytes(JSON.stringify({ error: null }))));
        } catch (e) {
          send(client, `${topic}.out`, new Message(bytes(JSON.stringify({ error: failure(e) }))));
        }
        return;
      }
      case 'mismatch': {
        try {
          send(Client.connect('other'), `${topic}.out`, new Message(bytes('never')));
          answer(message, { error: null });
        } catch (e) {
          answer(message, { error: failure(e) });
        }
        return;
      }
      case 'fail':
        throw { tag: 'other', val: `refused ${text(message.data())}` };
      default:
        throw { tag: 'other', val: `no action for ${topic}` };
    }
  },
};
