// The terminal side of a run: questions on stdin/stderr, secrets read without echo, Ctrl-C while asking.
import { createInterface } from 'node:readline';

/** Raised when the person presses Ctrl-C (or stdin ends) at a prompt. */
export class PromptInterrupted extends Error {
  constructor() {
    super('interrupted at a prompt');
    this.name = 'PromptInterrupted';
  }
}

/** Asks on the terminal; questions go to stderr so that stdout stays the commands' output. */
export function terminalPrompt(stdin: NodeJS.ReadStream, stderr: NodeJS.WriteStream) {
  return (question: string, options: { secret?: boolean } = {}): Promise<string> =>
    options.secret ? readSecret(question, stdin, stderr) : readLine(question, stdin, stderr);
}

function readLine(question: string, stdin: NodeJS.ReadStream, stderr: NodeJS.WriteStream): Promise<string> {
  return new Promise((resolve, reject) => {
    const rl = createInterface({ input: stdin, output: stderr, terminal: stdin.isTTY });
    let answered = false;
    rl.on('SIGINT', () => {
      stderr.write('\n');
      rl.close();
    });
    rl.on('close', () => {
      if (!answered) reject(new PromptInterrupted());
    });
    rl.question(question, (answer) => {
      answered = true;
      rl.close();
      resolve(answer);
    });
  });
}

/** Reads a line in raw mode, echoing nothing, so a secret never shows on screen or in scrollback. */
function readSecret(question: string, stdin: NodeJS.ReadStream, stderr: NodeJS.WriteStream): Promise<string> {
  return new Promise((resolve, reject) => {
    stderr.write(question);
    const wasRaw = stdin.isRaw;
    stdin.setRawMode?.(true);
    stdin.resume();
    stdin.setEncoding('utf8');
    let value = '';
    const done = (error?: Error) => {
      stdin.off('data', onData);
      stdin.setRawMode?.(wasRaw);
      stdin.pause();
      stderr.write('\n');
      if (error) reject(error);
      else resolve(value);
    };
    const onData = (chunk: string) => {
      for (const char of chunk) {
        if (char === '\r' || char === '\n') return done();
        if (char === '\u0003' || char === '\u0004') return done(new PromptInterrupted());
        if (char === '\u007f' || char === '\b') value = [...value].slice(0, -1).join('');
        else if (char >= ' ') value += char;
      }
    };
    stdin.on('data', onData);
  });
}
