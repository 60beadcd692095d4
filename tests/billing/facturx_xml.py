"""Reading a Factur-X XML in tests: its namespaces, a value at a path, amounts back to cents."""

from decimal import Decimal

NS = {
    "rsm": "urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100",
    "ram": "urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100",
    "udt": "urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100",
    "qdt": "urn:un:unece:uncefact:data:standard:QualifiedDataType:100",
    "svrl": "http://purl.oclc.org/dsdl/svrl",
}


def value(tree, path: str) -> str:
    (text,) = tree.xpath(f"{path}/text()", namespaces=NS)
    return text


def values(tree, path: str) -> list[str]:
    return tree.xpath(f"{path}/text()", namespaces=NS)


def cents(text: str) -> int:
    amount = Decimal(text)
    assert amount == amount.quantize(Decimal("0.01"))
    return int(amount * 100)


def basis_points(text: str) -> int:
    return int(Decimal(text) * 100)
