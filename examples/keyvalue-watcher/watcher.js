// A wasi:keyvalue watcher. Each change to a watched key is written back into the bucket it happened in, through
// wasi:keyvalue/batch: a set appends `set KEY=VALUE;` to `log` and keeps the value under `seen.KEY`; a delete appends
// `del KEY (was VALUE);`, with the value kept under `seen.KEY`, and deletes that copy.
import { getMany, setMany, deleteMany } from 'wasi:keyvalue/batch@0.2.0-draft';

const text = (bytes) => (bytes ? new TextDecoder().decode(bytes) : '');
const bytes = (value) => new TextEncoder().encode(value);

export const watcher = {
  onSet(bucket, key, value) {
    const [log] = getMany(bucket, ['log']);
    setMany(bucket, [
      ['log', bytes(`${text(log?.[1])}set ${key}=${text(value)};`)],
      [`seen.${key}`, value],
    ]);
  },
  onDelete(bucket, key) {
    const [log, seen] = getMany(bucket, ['log', `seen.${key}`]);
    deleteMany(bucket, [`seen.${key}`]);
    setMany(bucket, [['log', bytes(`${text(log?.[1])}del ${key} (was ${text(seen?.[1])});`)]]);
  },
};
