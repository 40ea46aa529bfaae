import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import type { Operation } from '../../../shared/router';
import { fetchPerson, PERSON_FIELDS, personContact } from '../../transport';
import { fieldList, fieldsParameter, profileId, profileIdField } from '../common';

export const getPerson: Operation = {
	selector: { name: 'Get', value: 'get', description: "Get a candidate's name, e-mail and phone", action: 'Get a person' },
	description: [
		profileIdField('Person ID', 'personId', 'people', 'e.g. 2587', 'The candidate in iCIMS. The iCIMS Trigger outputs it as candidateId.'),
		fieldsParameter(PERSON_FIELDS, 'person'),
	],
	async execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
		const personId = profileId(this, itemIndex, 'personId', 'Person ID');
		const person = await fetchPerson(this, personId, itemIndex, fieldList(this, itemIndex) ?? null);
		return { id: personId, ...person, contact: personContact(person) };
	},
};
