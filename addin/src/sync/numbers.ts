/** Reading value cells and comparing values: the rules live in the contract (the .xlsx upload reads by them too). */
export * from '../../../schema/contract/cell-numbers';
