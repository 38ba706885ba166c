/**
 * A reader that stops early (`faultline list | head`) closes the pipe, and the next write fails
 * with EPIPE, which Node throws as an unhandled 'error' event. What is left to print goes nowhere:
 * the command still finishes, and exits with its own code (a run's verdict must not be lost to a
 * pager). Any other write error still throws.
 */
export function ignoreClosedPipes(): void {
  for (const stream of [process.stdout, process.stderr])
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE') throw error;
    });
}
