import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { commandToRun } from './command-to-run.js';
import { commands } from './commands/index.js';

describe('commandToRun', () => {
  it('finds the command after global options, their values and help', () => {
    expect(commandToRun(['check', '--json'])).toBe('check');
    expect(commandToRun(['--workspace', 'check', 'verify'])).toBe('verify');
    expect(commandToRun(['-w', 'ws', '--json', 'audit', '--type', '1'])).toBe('audit');
    expect(commandToRun(['--workspace=ws', 'plan'])).toBe('plan');
    expect(commandToRun(['help', 'verify'])).toBe('verify');
    expect(commandToRun(['help'])).toBe('help');
    expect(commandToRun(['--help'])).toBeUndefined();
    expect(commandToRun(['--version'])).toBeUndefined();
    expect(commandToRun([])).toBeUndefined();
  });
});

describe('the command table', () => {
  it('lists each command under the name and summary its definition gives', async () => {
    const names = new Set<string>();
    for (const entry of commands) {
      const program = new Command();
      (await entry.load())(program, () => ({}), () => {});
      expect(program.commands, entry.name).toHaveLength(1);
      expect(program.commands[0]!.name()).toBe(entry.name);
      expect(program.commands[0]!.description(), entry.name).toBe(entry.summary);
      names.add(entry.name);
    }
    expect(names.size).toBe(commands.length);
  });
});
