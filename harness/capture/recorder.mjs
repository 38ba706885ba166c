// Preloaded (node --import) into the command `faultline capture` runs: nock's recorder notes every
// HTTP request the process makes (fetch and node:http alike) and its reply, and on exit this
// writes them where the capture command collects them. Plain JavaScript: no loader is assumed.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { threadId } from 'node:worker_threads';
import nock from 'nock';

const dir = process.env.FAULTLINE_CAPTURE_DIR;
if (dir) {
  nock.recorder.rec({ output_objects: true, dont_print: true, enable_reqheaders_recording: true });
  process.on('exit', () => writeFileSync(join(dir, `${process.pid}-${threadId}.json`), JSON.stringify(nock.recorder.play())));
}
