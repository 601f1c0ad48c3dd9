// The one token grammar: tokenize raw references, substitute variables, match patterns on disk.
export { tokenize, type Token, type TileStyle } from './tokenize';
export { substitute, piecesToDisplay, type Piece, type SubstituteContext, type Substituted } from './substitute';
export { matchOnDisk, isAbsoluteLike, type ListingCache } from './match-disk';
export { expandReference, referencePieces, type ExpandContext, type ExpandedReference, type ReferencePieces } from './expand';
