import type { ICredentialDataDecryptedObject } from 'n8n-workflow';
import type { RequestContext } from './http';

// Per context (one webhook() call, one node run), never across them: the decrypted data lives
// no longer than the call that asked for it, and a credential edited later is read anew.
const loaded = new WeakMap<object, Map<string, Promise<ICredentialDataDecryptedObject>>>();

/**
 * The node's credential, read from n8n once per context: n8n loads and decrypts it from its
 * database on every getCredentials call, and one delivery or item can make several requests.
 */
export async function credentialsOf(context: RequestContext, type: string): Promise<ICredentialDataDecryptedObject> {
	let byType = loaded.get(context);
	if (!byType) {
		byType = new Map();
		loaded.set(context, byType);
	}
	let credentials = byType.get(type);
	if (!credentials) {
		credentials = context.getCredentials(type);
		byType.set(type, credentials);
		// A failed read is not kept: the next request reads again.
		credentials.catch(() => byType?.delete(type));
	}
	return await credentials;
}
