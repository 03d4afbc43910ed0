/** What a cell's number format says: the rules live in the contract (the .xlsx upload reads by them too). */
export * from '../../../schema/contract/cell-formats';
