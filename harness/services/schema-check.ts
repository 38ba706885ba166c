/**
 * Any Standard Schema (https://standardschema.dev): a zod, valibot or arktype schema, for the state
 * a scenario seeds a service with and the bodies a route answers with. Only what faultline calls.
 */
export type StandardSchema<Output = unknown> = {
  readonly '~standard': {
    readonly version: 1;
    readonly vendor: string;
    readonly validate: (value: unknown) => StandardResult<Output> | Promise<StandardResult<Output>>;
    readonly types?: { readonly input: unknown; readonly output: Output } | undefined;
  };
};

type StandardResult<Output> =
  | { readonly value: Output; readonly issues?: undefined }
  | { readonly issues: ReadonlyArray<{ readonly message: string; readonly path?: ReadonlyArray<PropertyKey | { readonly key: PropertyKey }> | undefined }> };

export const isStandardSchema = (x: unknown): x is StandardSchema => typeof x === 'object' && x !== null && typeof (x as { '~standard'?: { validate?: unknown } })['~standard']?.validate === 'function';

/** Validates `value` synchronously: its output, or every issue as `path: message` (an asynchronous schema is one issue). */
export function validateWith<Output>(schema: StandardSchema<Output>, value: unknown): { value: Output } | { issues: string[] } {
  let result: ReturnType<StandardSchema<Output>['~standard']['validate']>;
  try {
    result = schema['~standard'].validate(value);
  } catch (error) {
    return { issues: [`the schema threw: ${(error as Error).message}`] };
  }
  if (result instanceof Promise) {
    // zod hands back a rejected promise when a transform throws: never left unhandled.
    result.catch(() => {});
    return { issues: ['the schema validates asynchronously, or threw (a transform or refinement that throws); give a synchronous one that returns issues'] };
  }
  if (!result.issues) return { value: result.value };
  return {
    issues: result.issues.map((issue) => {
      const path = (issue.path ?? []).map((k) => String(typeof k === 'object' ? k.key : k)).join('.');
      return path ? `${path}: ${issue.message}` : issue.message;
    }),
  };
}
