// The community ▸ compound ▸ building tree from GET /api/v1/hierarchy, indexed by code.
import { api } from './api.js';

const index = new Map();
let tree = [];
let loading = null;

/** Loads the hierarchy once; later calls return the same promise. */
export function loadHierarchy() {
  if (!loading) {
    loading = api('/api/v1/hierarchy', { auth: false }).then((body) => {
      tree = (body && Array.isArray(body.communities)) ? body.communities : [];
      index.clear();
      for (const community of tree) {
        const compounds = community.compounds || [];
        let buildingCount = 0;
        for (const compound of compounds) {
          const buildings = compound.buildings || [];
          buildingCount += buildings.length;
          index.set('compound:' + compound.code, {
            level: 'compound', code: compound.code, name: compound.name, parent: community.code,
            community: community.code, children: buildings, buildings: buildings.length,
          });
          for (const building of buildings) {
            index.set('building:' + building.code, {
              level: 'building', code: building.code, name: building.name, parent: compound.code,
              compound: compound.code, community: community.code,
            });
          }
        }
        index.set('community:' + community.code, {
          level: 'community', code: community.code, name: community.name, parent: null,
          children: compounds, compounds: compounds.length, buildings: buildingCount,
        });
      }
      return tree;
    }).catch((e) => {
      loading = null;
      throw e;
    });
  }
  return loading;
}

export function communities() {
  return tree;
}

/** Entry for a code at a level ('community' | 'compound' | 'building'), or undefined. */
export function lookup(level, code) {
  return index.get(level + ':' + code);
}

/** Display name of a code at a level, falling back to the code itself. */
export function nameOf(level, code) {
  if (code === null || code === undefined || code === '') {
    return '';
  }
  const entry = index.get(level + ':' + code);
  return entry && entry.name ? String(entry.name) : String(code);
}

/** All buildings as {code, name, compound, community} (for search). */
export function allBuildings() {
  const out = [];
  for (const entry of index.values()) {
    if (entry.level === 'building') {
      out.push(entry);
    }
  }
  return out;
}
