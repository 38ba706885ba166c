/**
 * The response shapes lookup_episode has answered in (seed 002 case 5), as the suite's rows name
 * them. The archive stores v1 records; a later version is the `shape-change` fault of its deploy.
 */
export type ShapeVersion = {
  /** What the deploy did to a v1 record: field → dotted path (none for v1). */
  move: Record<string, string>;
  /** The reply's JSON Schema: rows check that their version is what the agent was actually served. */
  schema: Record<string, unknown>;
  /**
   * Where a model that learned the prompt's v1 worked example looks for `primary` and `secondary`
   * once they are gone. Under keys that still say the role it finds them; in a bare array it can
   * only guess by position, and the example's order puts index 0 as secondary (the seed's swap).
   */
  readAs: Record<string, string>;
};

const common = { episode_id: { type: 'string' }, title: { type: 'string' } };
const name = { type: 'string', minLength: 1 };

export const shapes = {
  // The shape the prompt's worked example was written against: speakers by key.
  v1: {
    move: {},
    schema: { type: 'object', properties: { ...common, primary: name, secondary: name }, required: ['episode_id', 'title', 'primary', 'secondary'] },
    readAs: {},
  },
  // The drift of the incident: an array ordered by billing, nothing saying who is who.
  v2: {
    move: { primary: 'speakers.0', secondary: 'speakers.1' },
    schema: {
      type: 'object',
      properties: { ...common, speakers: { type: 'array', items: name, minItems: 2, maxItems: 2 } },
      required: ['episode_id', 'title', 'speakers'],
    },
    readAs: { secondary: 'speakers.0', primary: 'speakers.1' },
  },
  // The team's standard after the incident: key-based again, nested under speakers.
  v3: {
    move: { primary: 'speakers.primary', secondary: 'speakers.secondary' },
    schema: {
      type: 'object',
      properties: { ...common, speakers: { type: 'object', properties: { primary: name, secondary: name }, required: ['primary', 'secondary'] } },
      required: ['episode_id', 'title', 'speakers'],
    },
    readAs: { primary: 'speakers.primary', secondary: 'speakers.secondary' },
  },
} satisfies Record<string, ShapeVersion>;

export type ShapeName = keyof typeof shapes;
export const shapeNames = Object.keys(shapes) as [ShapeName, ...ShapeName[]];
