import { DOMParser } from "@xmldom/xmldom";
import { SdfError } from "./errors.js";

/** A position in the system file: 1-based line and column of the element's `<`. */
export interface SdfLocation {
  readonly line: number;
  readonly column: number;
}

/** One element of the system file with what the validation rules need: attributes in order, position, element children. */
export interface SdfNode {
  readonly tag: string;
  readonly attributes: ReadonlyArray<readonly [name: string, value: string]>;
  readonly location: SdfLocation;
  readonly children: readonly SdfNode[];
  attribute(name: string): string | undefined;
}

// DOM node types (the DOM constants are not in ES2022's lib).
const ELEMENT_NODE = 1;
const TEXT_NODE = 3;
const CDATA_SECTION_NODE = 4;

interface DomNode {
  nodeType: number;
  nodeName: string;
  nodeValue: string | null;
  lineNumber?: number;
  columnNumber?: number;
  childNodes: ArrayLike<DomNode>;
  attributes?: ArrayLike<{ name: string; value: string }>;
}

/**
 * Parses the XML text of a system file (well-formedness only; the SDF rules are in parse.ts).
 * Text outside elements is rejected as the Microkit tool does: non-blank text directly inside
 * `<system>` is an error.
 */
export function parseSdfXml(fileName: string, xml: string): SdfNode {
  let failure: string | undefined;
  const parser = new DOMParser({
    // Every report (xmldom's warnings included, e.g. an unquoted attribute) is malformed XML to
    // the Microkit tool, so the first one ends the parse.
    onError: (_level, message, context: unknown) => {
      const locator = (context as { locator?: { lineNumber?: number; columnNumber?: number } } | undefined)?.locator;
      const where = (locator?.lineNumber ?? 0) > 0 ? `: ${fileName}:${locator?.lineNumber}:${locator?.columnNumber ?? 1}` : "";
      failure ??= `Error: Could not parse '${fileName}': ${message}${where}`;
      throw new SdfError(failure);
    },
  });
  let document: { documentElement: DomNode | null } | undefined;
  try {
    document = parser.parseFromString(xml, "text/xml");
  } catch (error) {
    throw new SdfError(failure ?? `Error: Could not parse '${fileName}': ${(error as Error).message}`);
  }
  const root = document.documentElement;
  if (root === null) throw new SdfError(`Error: Could not parse '${fileName}': no root element`);
  if (root.nodeName !== "system") {
    throw new SdfError(
      `Error: the root element must be 'system', found '${root.nodeName}': ${fileName}:${root.lineNumber ?? 1}:${root.columnNumber ?? 1}`,
    );
  }
  checkNoText(fileName, root);
  return toSdfNode(root);
}

function locationOf(node: DomNode): SdfLocation {
  return { line: node.lineNumber ?? 0, column: node.columnNumber ?? 0 };
}

function toSdfNode(element: DomNode): SdfNode {
  const attributes = Array.from(element.attributes ?? [], (a) => [a.name, a.value] as const);
  const children = Array.from(element.childNodes)
    .filter((c) => c.nodeType === ELEMENT_NODE)
    .map(toSdfNode);
  return {
    tag: element.nodeName,
    attributes,
    location: locationOf(element),
    children,
    attribute: (name) => attributes.find(([n]) => n === name)?.[1],
  };
}

/** The Microkit tool's check_no_text: only blank text and comments may sit between `<system>`'s elements. */
function checkNoText(fileName: string, system: DomNode): void {
  let previous: DomNode | undefined;
  for (const child of Array.from(system.childNodes)) {
    const isText = child.nodeType === TEXT_NODE || child.nodeType === CDATA_SECTION_NODE;
    if (isText && (child.nodeValue ?? "").trim() !== "") {
      const where = previous ?? system;
      const what = previous === undefined ? "in" : "after";
      const { line, column } = locationOf(where);
      throw new SdfError(`Error: unexpected text found ${what} element '${where.nodeName}' @ ${fileName}:${line}:${column}`);
    }
    if (child.nodeType === ELEMENT_NODE) previous = child;
  }
}
