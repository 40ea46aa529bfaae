import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import type { Operation } from '../../../shared/router';
import { optionalString, requiredEmail, requiredString } from '../../../shared/validation';
import { talentPoolPath, wecpRequest } from '../../transport';
import { idLocator } from '../../../shared/locator';
import { actingUser, actingUserField, WECP_ID, wecpId } from '../common';

export const addCandidateToTalentPool: Operation = {
	selector: { name: 'Add Candidate', value: 'addCandidate', description: 'Add a candidate to a WeCP talent pool', action: 'Add a candidate to a talent pool' },
	description: [
		idLocator({ displayName: 'Talent Pool', name: 'poolId', format: WECP_ID, idPlaceholder: 'e.g. pool-engineering', searchListMethod: 'searchTalentPools', description: 'The WeCP talent pool' }),
		{ displayName: 'Name', name: 'name', type: 'string', required: true, default: '', description: "The candidate's full name" },
		{ displayName: 'Email', name: 'email', type: 'string', placeholder: 'name@email.com', required: true, default: '', description: 'The candidate\'s e-mail: one entry per e-mail and pool' },
		{
			displayName: 'ATS Candidate ID',
			name: 'atsCandidateId',
			type: 'string',
			default: '',
			description: 'Stored with the pool entry as WeCP metadata, e.g. the candidateId a Lever or iCIMS trigger outputs',
		},
		{ displayName: 'ATS Application ID', name: 'atsApplicationId', type: 'string', default: '', description: 'Stored with the pool entry as WeCP metadata' },
		actingUserField,
		{
			displayName: 'Options',
			name: 'options',
			type: 'collection',
			placeholder: 'Add Option',
			default: {},
			options: [
				{ displayName: 'Phone', name: 'phone', type: 'string', default: '', description: 'Stored with the entry as metadata' },
				{ displayName: 'Source', name: 'source', type: 'string', default: '', placeholder: 'e.g. Lever: hired', description: 'Where the candidate came from, stored as metadata' },
			],
		},
	],
	async execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
		const poolId = wecpId(this, itemIndex, 'poolId', 'Talent Pool');
		const name = requiredString(this, itemIndex, 'name', 'Name', 200);
		const email = requiredEmail(this, itemIndex, 'email', 'Email');
		const atsCandidateId = optionalString(this, itemIndex, 'atsCandidateId', 'ATS Candidate ID', 200);
		const atsApplicationId = optionalString(this, itemIndex, 'atsApplicationId', 'ATS Application ID', 200);
		const phone = optionalString(this, itemIndex, 'options.phone', 'Phone', 40);
		const source = optionalString(this, itemIndex, 'options.source', 'Source', 200);
		const actingUserEmail = actingUser(this, itemIndex);

		const metadata: IDataObject = { candidateId: atsCandidateId ?? null, applicationId: atsApplicationId ?? null };
		if (actingUserEmail) metadata.user_email = actingUserEmail;
		if (phone) metadata.phone = phone;
		if (source) metadata.source = source;
		const { body: entry } = await wecpRequest<IDataObject>(this, {
			method: 'POST',
			path: talentPoolPath(poolId, '/candidates'),
			body: { name, email, metadata },
			actingUserEmail,
			itemIndex,
		});
		const answer = entry && typeof entry === 'object' && !Array.isArray(entry) ? entry : {};
		// WeCP-side idempotency (ours): the same e-mail in the same pool answers the existing entry.
		const alreadyInPool = answer.status === 'already_in_pool';
		return { ...answer, alreadyInPool, poolId, name, email, metadata };
	},
};
