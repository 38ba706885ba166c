/** An error in what the user gave faultline (a flag, a file, a scenario): exit code 2. */
export class UsageError extends Error {
  readonly exitCode = 2;
  constructor(message: string) {
    super(message.startsWith('[faultline]') ? message : `[faultline] ${message}`);
  }
}
