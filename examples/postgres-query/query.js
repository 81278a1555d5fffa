// SQL for the lattice: each function of example:postgres-query/run hands its statement and parameters to
// wasmcloud:postgres (bound by the host, never spliced into the SQL) and answers with what the database said.
//   wash call sql example:postgres-query/run.query '"SELECT $1::int4 + 1 AS n"' '[int4(41)]'
import { query as pgQuery, queryBatch } from 'wasmcloud:postgres/query@0.1.1-draft';
import { prepare as pgPrepare, exec as pgExec } from 'wasmcloud:postgres/prepared@0.1.1-draft';

// An import's err arrives as a thrown ComponentError whose payload is the error value; rethrown as it is, it becomes
// this export's err.
const relay = (call) => {
  try {
    return call();
  } catch (error) {
    throw error?.payload ?? { tag: 'unexpected', val: String(error) };
  }
};

export const run = {
  query: (sql, params) => relay(() => pgQuery(sql, params)),
  batch: (sql) => relay(() => queryBatch(sql)),
  prepare: (statement) => relay(() => pgPrepare(statement)),
  exec: (token, params) => relay(() => pgExec(token, params)),
  execEach: (statement, runs) => relay(() => {
    const token = pgPrepare(statement);
    return runs.map((params) => pgExec(token, params));
  }),
};
