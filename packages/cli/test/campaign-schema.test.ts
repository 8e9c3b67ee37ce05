import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { operationTypes, targetTypes } from '@fleetcast/core';
import { Ajv2020 } from 'ajv/dist/2020.js';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { campaignSchema } from '../src/campaign-schema.js';

// The schema is written by hand for editors; this file keeps it in step with the TypeScript types by
// reading the types with the compiler and comparing every interface's properties and optionality.

const campaignDirectory = fileURLToPath(new URL('../../core/src/campaign/', import.meta.url));
const specFiles = ['campaign.ts', 'target-spec.ts', 'operation.ts'].map((file) => campaignDirectory + file);
const program = ts.createProgram(specFiles, { strict: true, noEmit: true });
const checker = program.getTypeChecker();

interface SchemaNode {
  type?: string;
  required?: string[];
  properties?: Record<string, SchemaNode & { const?: string; $ref?: string }>;
  oneOf?: { $ref: string }[];
}
const definitions = campaignSchema.$defs as Record<string, SchemaNode>;

function declaredType(name: string): ts.Type {
  for (const file of specFiles) {
    const source = program.getSourceFile(file);
    const declaration = source?.statements.find(
      (statement): statement is ts.InterfaceDeclaration | ts.TypeAliasDeclaration =>
        (ts.isInterfaceDeclaration(statement) || ts.isTypeAliasDeclaration(statement)) &&
        statement.name.text === name,
    );
    if (declaration) return checker.getTypeAtLocation(declaration.name);
  }
  throw new Error(`no type ${name} in core/src/spec`);
}

function propertiesOf(name: string): { all: string[]; required: string[] } {
  const properties = checker.getPropertiesOfType(declaredType(name));
  return {
    all: properties.map((property) => property.name).sort(),
    required: properties
      .filter((property) => (property.flags & ts.SymbolFlags.Optional) === 0)
      .map((property) => property.name)
      .sort(),
  };
}

function unionMembers(name: string): string[] {
  const type = declaredType(name);
  return (type.isUnion() ? type.types : [type]).map((member) => checker.typeToString(member)).sort();
}

function schemaObject(name: string): { all: string[]; required: string[] } {
  const node = name === 'Campaign' ? (campaignSchema as unknown as SchemaNode) : definitions[name];
  if (!node?.properties) throw new Error(`schema has no object definition ${name}`);
  return {
    all: Object.keys(node.properties)
      .filter((key) => key !== '$schema')
      .sort(),
    required: [...(node.required ?? [])].sort(),
  };
}

function oneOfNames(name: string): string[] {
  return (definitions[name]?.oneOf ?? []).map((entry) => entry.$ref.replace('#/$defs/', '')).sort();
}

describe('campaign JSON Schema', () => {
  const targetInterfaces = unionMembers('TargetSpec');
  const operationInterfaces = unionMembers('Operation');

  it('lists exactly the members of the TargetSpec and Operation unions', () => {
    expect(oneOfNames('TargetSpec')).toEqual(targetInterfaces);
    expect(oneOfNames('Operation')).toEqual(operationInterfaces);
    expect(targetInterfaces).toHaveLength(targetTypes.length);
    expect(operationInterfaces).toHaveLength(operationTypes.length);
  });

  it('has the `type` tags of core for every target and operation', () => {
    const tag = (name: string) => definitions[name]?.properties?.type?.const;
    expect(targetInterfaces.map(tag).sort()).toEqual([...targetTypes].sort());
    expect(operationInterfaces.map(tag).sort()).toEqual([...operationTypes].sort());
  });

  it.each([
    'Campaign',
    'CampaignPolicy',
    'RolloutSpec',
    'RolloutAbort',
    'RolloutAbortCriterion',
    'RuleLeafCondition',
    ...unionMembers('TargetSpec'),
    ...unionMembers('Operation'),
  ])('%s has the same properties and required properties as the type', (name) => {
    expect(schemaObject(name)).toEqual(propertiesOf(name));
  });

  const validate = new Ajv2020({ allErrors: true, strict: true }).compile(campaignSchema);

  it('accepts the campaigns shipped with the CLI and its docs', () => {
    const examples = ['firmware-campaign.json', 'command-campaign.json', 'rules-campaign.json'].map((file) =>
      JSON.parse(readFileSync(new URL(`./fixtures/${file}`, import.meta.url), 'utf8')),
    );
    for (const example of examples) {
      expect(validate(example), JSON.stringify(validate.errors)).toBe(true);
    }
  });

  it('accepts a node with several boolean keys, as json-rules-engine does (any > all > not)', () => {
    const leaf = { fact: 'f', operator: 'equal', value: 1 };
    const campaign = (conditions: unknown) => ({
      name: 'c',
      target: { type: 'Rules', conditions },
      operation: { type: 'freezeDevices' },
    });
    expect(validate(campaign({ all: [leaf], any: [leaf], not: leaf }))).toBe(true);
    expect(validate(campaign({ all: [leaf], not: leaf }))).toBe(true);
    expect(validate(campaign({ all: [{ any: [leaf], all: 'ignored' }] }))).toBe(true);
    expect(validate(campaign({ any: 'not a list', all: [leaf] }))).toBe(false);
  });

  it.each([
    ['an unknown target type', { type: 'Everything' }, undefined],
    ['a misspelt key', { type: 'DeviceType', devicetype: 'Meter' }, undefined],
    ['retryCount without retryInterval', { type: 'Broadcast' }, { retryCount: 2 }],
    ['a timeout above 2880', { type: 'Broadcast' }, { timeout: 2881 }],
    ['a device ID with a space', { type: 'DeviceList', deviceIds: ['dev 1'] }, undefined],
    [
      'a bare fact leaf as a named condition (json-rules-engine needs all/any/not/condition there)',
      {
        type: 'Rules',
        conditions: { all: [{ condition: 'old' }] },
        namedConditions: { old: { fact: 'firmwareVersion', operator: 'lessThan', value: '2.4.0' } },
      },
      undefined,
    ],
    [
      'a bare fact leaf as the top condition',
      { type: 'Rules', conditions: { fact: 'f', operator: 'equal', value: 1 } },
      undefined,
    ],
  ])('refuses %s', (_label, target, policy) => {
    const campaign = {
      name: 'c',
      target,
      operation: { type: 'freezeDevices' },
      ...(policy ? { policy } : {}),
    };
    expect(validate(campaign)).toBe(false);
  });
});
