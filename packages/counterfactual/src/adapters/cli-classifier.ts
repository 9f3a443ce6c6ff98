import { spawn } from 'node:child_process';
import { AppError } from '@quintessence/platform';
import { normalisePrediction, type Prediction, type TextClassifier } from '../domain/text-classifier.js';

export interface CliClassifierOptions {
  /** Executable (no shell). */
  readonly command: string;
  readonly args?: readonly string[];
  /** Kill the process after this many milliseconds (default 60,000). */
  readonly timeoutMs?: number;
  /** Texts per process run (default 1,000). */
  readonly batchSize?: number;
}

/** Parses one output line: JSON when it parses, otherwise a number or a bare label. */
function parseLine(line: string): Prediction {
  try {
    return normalisePrediction(JSON.parse(line));
  } catch (error) {
    if (error instanceof AppError) throw error;
    return normalisePrediction(line);
  }
}

/**
 * A model behind a command line: each batch starts the process, writes one JSON object `{"text": ...}` per line to
 * its stdin and reads one prediction per line from its stdout (JSON in any form {@link normalisePrediction} accepts,
 * or a bare label/number). A non-zero exit, a timeout or a wrong line count is a COUNTERFACTUAL_MODEL_FAILED error.
 */
export function cliClassifier(options: CliClassifierOptions): TextClassifier {
  const { command, args = [], timeoutMs = 60_000, batchSize = 1000 } = options;
  const runBatch = (texts: readonly string[]) =>
    new Promise<Prediction[]>((resolve, reject) => {
      const child = spawn(command, [...args], { stdio: ['pipe', 'pipe', 'pipe'] });
      let stdout = '';
      let stderr = '';
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        reject(new AppError('COUNTERFACTUAL_MODEL_FAILED', `model command timed out after ${timeoutMs} ms`));
      }, timeoutMs);
      child.stdout.setEncoding('utf8').on('data', (s: string) => {
        stdout += s;
      });
      child.stderr.setEncoding('utf8').on('data', (s: string) => {
        stderr += s;
      });
      child.on('error', (error) => {
        clearTimeout(timer);
        reject(
          new AppError('COUNTERFACTUAL_MODEL_FAILED', `cannot start model command "${command}": ${error.message}`),
        );
      });
      child.on('close', (code) => {
        clearTimeout(timer);
        if (code !== 0) {
          reject(
            new AppError(
              'COUNTERFACTUAL_MODEL_FAILED',
              `model command exited with ${code}: ${stderr.trim().slice(0, 300)}`,
            ),
          );
          return;
        }
        const lines = stdout.split(/\r?\n/).filter((l) => l.trim() !== '');
        if (lines.length !== texts.length) {
          reject(
            new AppError(
              'COUNTERFACTUAL_MODEL_FAILED',
              `model command printed ${lines.length} predictions for ${texts.length} inputs`,
            ),
          );
          return;
        }
        try {
          resolve(lines.map(parseLine));
        } catch (error) {
          reject(error);
        }
      });
      child.stdin.on('error', () => {});
      child.stdin.end(texts.map((text) => `${JSON.stringify({ text })}\n`).join(''));
    });
  return {
    name: `cli:${command}`,
    async predictBatch(texts) {
      const out: Prediction[] = [];
      for (let i = 0; i < texts.length; i += batchSize) out.push(...(await runBatch(texts.slice(i, i + batchSize))));
      return out;
    },
  };
}
