/**
 * The link patterns of this deployment (config.json `linkPatterns`). A config that cannot be
 * read is reported where sources are; here it just means no link patterns.
 */
import { useQuery } from '@tanstack/react-query';
import { publicConfigQueryOptions, type PublicConfig } from '../../api/sources';
import { NO_LINK_PATTERNS, type LinkPatterns } from '../../model/link-patterns';

const selectLinkPatterns = (config: PublicConfig): LinkPatterns => config.linkPatterns;

export function useLinkPatterns(): LinkPatterns {
  const { data } = useQuery({ ...publicConfigQueryOptions, select: selectLinkPatterns });
  return data ?? NO_LINK_PATTERNS;
}
