/** The command that runs this run again: a live run is replayed from its cassette, in virtual time. */
export function replayCommand(scenario: string, agentRef: string, seed: number, trial: number, model: 'scripted' | 'live' | 'replay' = 'scripted', flags = ''): string {
  const mode = model === 'scripted' ? '' : ` --model ${model}${flags}`;
  return `npx faultline run${mode} --scenario ${scenario} --agent ${agentRef} --seed ${seed}${trial > 1 ? ` --trial ${trial}` : ''}`;
}
