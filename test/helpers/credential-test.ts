/**
 * What happens when a user presses "Test" on a credential in n8n, outside the CLI.
 *
 * n8n's CredentialsTester (packages/cli, not on npm as a library) applies the credential type's
 * defaults, then for a credential with a `test` request builds a throwaway one-node workflow whose
 * node type is a copy of n8n-nodes-base.noOp carrying the test request as a routing request, and
 * runs n8n-core's RoutingNode on it with the decrypted credential. Any error is "Error" (a non-2xx
 * answer reports its status text or code), anything else is "OK". This file does the same with
 * n8n-core's own RoutingNode and ExecuteContext; only the DI container, the database, the
 * error reporter and the optional `rules` of a test request (no credential here has any) are left out.
 */
import './n8n-environment';

import type {
	ICredentialDataDecryptedObject,
	ICredentialsDecrypted,
	ICredentialType,
	INode,
	INodeCredentialTestResult,
	INodeType,
	INodeTypes,
	IWorkflowBase,
} from 'n8n-workflow';
import { NodeHelpers, Workflow } from 'n8n-workflow';
import { ExecuteContext, RoutingNode } from 'n8n-core';

import { createAdditionalData } from './harness';
import { TestCredentialsHelper } from './credentials-helper';

/** The node n8n borrows for credential tests that name no node of their own. */
const noOpDescription: INodeType['description'] = {
	displayName: 'No Operation, do nothing',
	name: 'n8n-nodes-base.noOp',
	group: ['organization'],
	version: 1,
	description: 'No Operation',
	defaults: { name: 'No Operation, do nothing' },
	inputs: ['main'],
	outputs: ['main'],
	properties: [],
};

interface HttpCause {
	cause?: { response?: { status: number; statusText?: string }; code?: string };
	message?: string;
}

/** Runs `type.test` with `data` as n8n's credential Test button does; never throws. */
export async function testCredential(type: ICredentialType, data: ICredentialDataDecryptedObject): Promise<INodeCredentialTestResult> {
	if (!type.test) return { status: 'Error', message: 'No testing function found for this credential.' };
	const helper = new TestCredentialsHelper([type], { [type.name]: data });
	const workflowData = { id: 'credential-test', nodes: [], connections: {} } as unknown as IWorkflowBase;
	const additionalData = createAdditionalData(helper, 'internal', workflowData);
	const details = { id: `${type.name}-credential`, name: `${type.name} account` };
	// n8n's applyDefaultsAndOverwrites: defaults filled in, fields hidden by displayOptions dropped.
	const withDefaults = await helper.getDecrypted(additionalData, details, type.name, 'internal', undefined, false);
	const credentialsDecrypted: ICredentialsDecrypted = { ...details, type: type.name, data: withDefaults };

	const testNodeType: INodeType = {
		description: {
			...noOpDescription,
			credentials: [{ name: type.name, required: true }],
			properties: [{ displayName: 'Temp', name: 'temp', type: 'string', routing: { request: type.test.request }, default: '' }],
		},
	};
	const nodeTypes: INodeTypes = {
		getByName: () => testNodeType,
		getByNameAndVersion: () => NodeHelpers.getVersionedNodeType(testNodeType, 1) as INodeType,
		getKnownTypes: () => ({}),
	};
	const node: INode = {
		id: 'temp',
		name: 'Temp-Node',
		type: noOpDescription.name,
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
		credentials: { [type.name]: details },
	};
	const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes });
	const context = new ExecuteContext(
		workflow,
		node,
		additionalData,
		'internal',
		{ resultData: { runData: {} } } as never,
		0,
		[],
		{ main: [[{ json: {} }]] },
		{ node, data: {}, source: null },
		[],
	);
	try {
		await new RoutingNode(context, testNodeType, credentialsDecrypted).runNode();
	} catch (thrown) {
		const error = thrown as HttpCause;
		const response = error.cause?.response;
		if (response && (response.status < 199 || response.status > 299)) {
			return { status: 'Error', message: response.statusText || `Received HTTP status code: ${response.status}` };
		}
		if (!response && error.cause?.code) return { status: 'Error', message: error.cause.code };
		return { status: 'Error', message: String(error.message) };
	}
	return { status: 'OK', message: 'Connection successful!' };
}
