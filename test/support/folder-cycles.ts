/**
 * Folder cycles in a module graph: a folder is the directory a module sits in (node/ and
 * node/opennet/ are two folders), and folder A depends on folder B when a module of A imports
 * a module of B. Tarjan's strongly connected components over that graph; every component of
 * more than one folder is a cycle.
 */
export interface ModuleEdges {
  readonly source: string;
  readonly dependencies: readonly { readonly resolved: string }[];
}

export function folderOf(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash < 0 ? '.' : path.slice(0, slash);
}

export function folderGraph(modules: readonly ModuleEdges[], include: RegExp): Map<string, Set<string>> {
  const graph = new Map<string, Set<string>>();
  for (const module of modules) {
    if (!include.test(module.source)) continue;
    const from = folderOf(module.source);
    const targets = graph.get(from) ?? new Set<string>();
    graph.set(from, targets);
    for (const { resolved } of module.dependencies) {
      if (!include.test(resolved)) continue;
      const to = folderOf(resolved);
      if (to !== from) targets.add(to);
    }
  }
  return graph;
}

/** Each set of folders that reach one another, as sorted lists; none when the folders form a DAG. */
export function folderCycles(graph: ReadonlyMap<string, ReadonlySet<string>>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  const visit = (folder: string): void => {
    index.set(folder, index.size);
    low.set(folder, index.get(folder) as number);
    stack.push(folder);
    onStack.add(folder);
    for (const next of graph.get(folder) ?? []) {
      if (!index.has(next)) {
        visit(next);
        low.set(folder, Math.min(low.get(folder) as number, low.get(next) as number));
      } else if (onStack.has(next)) {
        low.set(folder, Math.min(low.get(folder) as number, index.get(next) as number));
      }
    }
    if (low.get(folder) !== index.get(folder)) return;
    const component: string[] = [];
    let member: string;
    do {
      member = stack.pop() as string;
      onStack.delete(member);
      component.push(member);
    } while (member !== folder);
    if (component.length > 1) cycles.push(component.sort());
  };
  for (const folder of [...graph.keys()].sort()) if (!index.has(folder)) visit(folder);
  return cycles;
}
