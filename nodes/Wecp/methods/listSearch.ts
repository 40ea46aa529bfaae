import { searchable } from '../../shared/locator';
import { getTalentPools, getTests } from './loadOptions';

export const searchTests = searchable(getTests);
export const searchTalentPools = searchable(getTalentPools);
