import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { functionClassifier, normalisePrediction } from '../domain/text-classifier.js';
import { cliClassifier } from './cli-classifier.js';
import { httpClassifier } from './http-classifier.js';
import { afinnModel, vaderModel, winkSentimentModel } from './lexicon-models.js';

describe('normalisePrediction', () => {
  it.each([
    [0.4, { label: 'positive', score: 0.4 }],
    [-2, { label: 'negative', score: -2 }],
    [0, { label: 'neutral', score: 0 }],
    ['approve', { label: 'approve', score: null }],
    [true, { label: '1', score: 1 }],
    [
      { label: 'POS', score: 0.9 },
      { label: 'POS', score: 0.9 },
    ],
    [
      { label: 1, probability: 0.7 },
      { label: '1', score: 0.7 },
    ],
    [{ compound: -0.3 }, { label: 'negative', score: -0.3 }],
    [
      [
        { label: 'NEG', score: 0.2 },
        { label: 'POS', score: 0.8 },
      ],
      { label: 'POS', score: 0.8 },
    ],
    [
      [
        [
          { label: 'NEG', score: 0.6 },
          { label: 'POS', score: 0.4 },
        ],
      ],
      { label: 'NEG', score: 0.6 },
    ],
  ])('reads %j', (raw, expected) => {
    expect(normalisePrediction(raw)).toEqual(expected);
  });

  it('refuses unreadable output with a model error', () => {
    expect(() => normalisePrediction({ foo: 1 })).toThrow(
      expect.objectContaining({ code: 'COUNTERFACTUAL_MODEL_FAILED' }),
    );
    expect(() => normalisePrediction(Number.NaN)).toThrow(
      expect.objectContaining({ code: 'COUNTERFACTUAL_MODEL_FAILED' }),
    );
  });
});

describe('functionClassifier', () => {
  it('wraps sync and async functions', async () => {
    const sync = functionClassifier('len', (t) => t.length - 3);
    expect(await sync.predictBatch(['ab', 'abcd'])).toEqual([
      { label: 'negative', score: -1 },
      { label: 'positive', score: 1 },
    ]);
    const asyncFn = functionClassifier('async', async (t) => ({ label: t.toUpperCase(), score: 1 }));
    expect(await asyncFn.predictBatch(['x'])).toEqual([{ label: 'X', score: 1 }]);
  });
});

describe('cliClassifier', () => {
  const script =
    "let b='';process.stdin.on('data',d=>b+=d).on('end',()=>{for(const l of b.split('\\n').filter(Boolean)){const t=JSON.parse(l).text;process.stdout.write(JSON.stringify({label:t.includes('she')?'F':'M',score:t.length})+'\\n')}})";

  it('sends JSON lines on stdin and reads one prediction per line', async () => {
    const model = cliClassifier({ command: process.execPath, args: ['-e', script], batchSize: 2 });
    expect(await model.predictBatch(['he runs', 'she runs', 'they run'])).toEqual([
      { label: 'M', score: 7 },
      { label: 'F', score: 8 },
      { label: 'M', score: 8 },
    ]);
  });

  it('reports a failing command and a wrong line count as model errors', async () => {
    const failing = cliClassifier({ command: process.execPath, args: ['-e', 'process.exit(3)'] });
    await expect(failing.predictBatch(['x'])).rejects.toMatchObject({ code: 'COUNTERFACTUAL_MODEL_FAILED' });
    const silent = cliClassifier({ command: process.execPath, args: ['-e', 'process.stdin.resume()'] });
    await expect(silent.predictBatch(['x'])).rejects.toThrow(/printed 0 predictions for 1 inputs/);
    const missing = cliClassifier({ command: '/nonexistent/model-binary' });
    await expect(missing.predictBatch(['x'])).rejects.toThrow(/cannot start model command/);
  });
});

describe('httpClassifier against a local fake model server (test double)', () => {
  let fakeModelServer: Server;
  let url = '';
  const received: unknown[] = [];
  beforeAll(async () => {
    fakeModelServer = createServer((req, res) => {
      let body = '';
      req.on('data', (d) => {
        body += d;
      });
      req.on('end', () => {
        const parsed = JSON.parse(body) as { inputs: string };
        received.push(parsed);
        if (parsed.inputs === 'boom') {
          res.writeHead(500).end('internal');
          return;
        }
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(
          JSON.stringify({
            result: [
              [
                { label: 'POS', score: parsed.inputs.length / 100 },
                { label: 'NEG', score: 0.01 },
              ],
            ],
          }),
        );
      });
    });
    await new Promise<void>((r) => fakeModelServer.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(fakeModelServer.address() as AddressInfo).port}/predict`;
  });
  afterAll(() => new Promise<void>((r) => fakeModelServer.close(() => r())));

  it('fills the JSON template (escaping the text) and reads the response path', async () => {
    const model = httpClassifier({ url, template: '{"inputs": "{{text}}"}', responsePath: 'result' });
    const out = await model.predictBatch(['he said "hi"', 'a\nb']);
    expect(out).toEqual([
      { label: 'POS', score: 0.12 },
      { label: 'POS', score: 0.03 },
    ]);
    expect(received).toContainEqual({ inputs: 'he said "hi"' });
    expect(received).toContainEqual({ inputs: 'a\nb' });
  });

  it('turns an HTTP error into a model error and rejects a template without {{text}}', async () => {
    const model = httpClassifier({ url, template: '{"inputs": "{{text}}"}' });
    await expect(model.predictBatch(['boom'])).rejects.toThrow(/returned 500/);
    expect(() => httpClassifier({ url, template: '{"inputs": 1}' })).toThrow(/placeholder/);
  });
});

describe('built-in lexicon models (values as in holistic_bias_sentiment_cf_audit_reference.json)', () => {
  it('scores with the pinned npm packages', async () => {
    const afinn = afinnModel();
    expect(afinn.package).toBe('sentiment@5.0.2');
    // AFINN: love = +3 over 6 tokens
    expect(afinn.score('I love being a female person.')).toBe(0.5);
    const vader = vaderModel();
    expect(vader.package).toBe('vader-sentiment@1.1.3');
    expect(vader.score('I hate this.')).toBeLessThan(-0.5);
    const wink = winkSentimentModel();
    expect(wink.package).toBe('wink-nlp@2.4.0+wink-eng-lite-web-model@1.8.1');
    expect(wink.score('What a wonderful day!')).toBeGreaterThan(0.3);
    expect(await afinn.predictBatch(['I hate it'])).toEqual([{ label: 'negative', score: -3 / 3 }]);
  });
});
