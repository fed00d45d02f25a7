"""One example answer per main endpoint, for the OpenAPI description and the docs page.

They sit in the description itself, so the docs page shows what the schema holds, and
demo/tests/test_api_schema.py checks each against its schema: an example cannot drift from
the fields the API really gives.
"""

SITE = "https://pledges.example.org"
API = f"{SITE}/api/v1"

TOTALS = {
    "signatures": 3120,
    "campuses": 36,
    "binding_campuses": 4,
    "countries": 2,
    "verified_students": 1904,
    "paper_signatures": 85,
}

CAMPAIGN = {
    "slug": "notechforice",
    "title": "#NoTechForICE: students won't work for Palantir while it works with ICE",
    "hashtag": "#NoTechForICE",
    "summary": "Students and academics are refusing to work at Palantir until it stops "
    "building software for ICE.",
    "status": "live",
    "totals": TOTALS,
    "url": f"{SITE}/c/notechforice/",
    "api_url": f"{API}/campaigns/notechforice",
    "links": {
        "pledges": f"{API}/pledges?campaign=notechforice",
        "count": f"{API}/campaigns/notechforice/count",
        "timeline": f"{API}/campaigns/notechforice/timeline",
        "targets": f"{API}/campaigns/notechforice/targets",
        "embed": f"{SITE}/embed/c/notechforice/",
    },
}

TARGET = {
    "name": "Palantir Technologies",
    "url": "https://www.palantir.com/",
    "contracts": [
        {
            "agency": "U.S. Immigration and Customs Enforcement (ICE)",
            "programme": "FALCON",
            "value": "39000000.00",
            "currency": "USD",
            "start": "2015-01-01",
            "renewal": "2019-11-27",
            "source_url": "",
            "notes": "Operations and maintenance of FALCON.",
        }
    ],
}

INSTITUTION = {
    "slug": "cambridge",
    "name": "University of Cambridge",
    "short_name": "Cambridge",
    "country": "GB",
    "city": "Cambridge",
    "latitude": 52.2054,
    "longitude": 0.1172,
}

PLEDGE = {
    "campaign": "notechforice",
    "slug": "cambridge",
    "institution": INSTITUTION,
    "target_line": "To: University of Cambridge Students and Academics",
    "status": "live",
    "signature_count": 57,
    "verified_students": 41,
    "binding": {
        "status": "bound",
        "threshold": 50,
        "signers_needed": 0,
        "bound_at": "2019-09-20T14:02:11Z",
    },
    "paper_signatures": 12,
    "published_at": "2019-09-02T09:00:00Z",
    "url": f"{SITE}/c/notechforice/cambridge/",
    "api_url": f"{API}/campaigns/notechforice/pledges/cambridge",
    "count_url": f"{API}/campaigns/notechforice/pledges/cambridge/count",
}

EXAMPLES = {
    "/api/v1/": {
        "name": "Pledgeline open data API",
        "version": "1",
        "links": {
            "campaigns": f"{API}/campaigns",
            "pledges": f"{API}/pledges",
            "institutions": f"{API}/institutions",
            "pledges_csv": f"{API}/pledges.csv",
            "openapi": f"{API}/openapi.json",
            "docs": f"{API}/docs/",
            "osdi": f"{SITE}/api/osdi/v1/",
        },
    },
    "/api/v1/campaigns": {"results": [CAMPAIGN]},
    "/api/v1/campaigns/{campaign_slug}": {
        **CAMPAIGN,
        "pledge_text": "We pledge not to work for Palantir Technologies for as long as it "
        "does business with U.S. Immigration and Customs Enforcement.",
        "why_it_matters": "Palantir sells two pieces of software to ICE.",
        "targets": [TARGET],
    },
    "/api/v1/campaigns/{campaign_slug}/count": {
        "campaign": "notechforice",
        "count": TOTALS["signatures"],
        **TOTALS,
    },
    "/api/v1/campaigns/{campaign_slug}/timeline": {
        "campaign": "notechforice",
        "results": [
            {
                "date": "2019-06-14",
                "title": "Privacy Law Scholars Conference drops Palantir",
                "body": "After hundreds of academics objected, the conference ended the "
                "sponsorship.",
                "link": "",
            }
        ],
    },
    "/api/v1/campaigns/{campaign_slug}/targets": {
        "campaign": "notechforice",
        "results": [TARGET],
    },
    "/api/v1/pledges": {
        "count": 36,
        "page": 1,
        "per_page": 1,
        "total_pages": 36,
        "next": f"{API}/pledges?campaign=notechforice&per_page=1&page=2",
        "previous": None,
        "results": [PLEDGE],
    },
    "/api/v1/pledges.csv": (
        "campaign,institution,country,city,status,signatures,published_at,url\r\n"
        "notechforice,University of Cambridge,GB,Cambridge,live,57,"
        f"2019-09-02T09:00:00+00:00,{SITE}/c/notechforice/cambridge/\r\n"
    ),
    "/api/v1/campaigns/{campaign_slug}/pledges/{pledge_slug}": {
        **PLEDGE,
        "why_it_matters": "Palantir recruits at our careers fair every autumn.",
        "pledge_text": "We pledge not to work for Palantir Technologies for as long as it "
        "does business with U.S. Immigration and Customs Enforcement.",
        "next_milestone": 100,
        "milestones": [
            {"threshold": 10, "reached_at": "2019-09-03T18:20:00Z"},
            {"threshold": 25, "reached_at": "2019-09-10T12:05:00Z"},
            {"threshold": 50, "reached_at": "2019-10-01T16:45:00Z"},
        ],
        "updates": [
            {
                "kind": "milestone",
                "title": "50 signatures reached",
                "body": "",
                "link": "",
                "milestone": 50,
                "created_at": "2019-10-01T16:45:00Z",
            },
            {
                "kind": "organizer",
                "title": "Stall at the careers fair",
                "body": "Come and sign with us by the main entrance.",
                "link": "",
                "milestone": None,
                "created_at": "2019-10-08T09:30:00Z",
            },
        ],
        "recent_signers": [
            {"name": "Maria G.", "affiliation": "student", "signed_at": "2019-10-09"},
            {"name": "Anonymous", "affiliation": "faculty", "signed_at": "2019-10-08"},
        ],
        "embed_url": f"{SITE}/embed/c/notechforice/cambridge/",
    },
    "/api/v1/campaigns/{campaign_slug}/pledges/{pledge_slug}/count": {
        "campaign": "notechforice",
        "pledge": "cambridge",
        "count": 57,
        "next_milestone": 100,
    },
    "/api/v1/institutions": {
        "query": "cambridge",
        "results": [
            {
                **INSTITUTION,
                "pledges": [
                    {
                        "campaign": "notechforice",
                        "status": "live",
                        "signature_count": 57,
                        "url": f"{SITE}/c/notechforice/cambridge/",
                        "api_url": f"{API}/campaigns/notechforice/pledges/cambridge",
                    }
                ],
            }
        ],
    },
    "/api/osdi/v1/petitions/{petition_id}/signatures": {
        "total_pages": 57,
        "per_page": 1,
        "page": 1,
        "total_records": 57,
        "_links": {
            "self": {"href": f"{SITE}/api/osdi/v1/petitions/7/signatures?page=1&per_page=1"},
            "curies": [{"name": "osdi", "href": f"{API}/docs/#osdi-{{rel}}", "templated": True}],
            "osdi:signatures": [{"href": f"{SITE}/api/osdi/v1/petitions/7/signatures/204"}],
            "next": {"href": f"{SITE}/api/osdi/v1/petitions/7/signatures?page=2&per_page=1"},
        },
        "_embedded": {
            "osdi:signatures": [
                {
                    "identifiers": ["pledgeline:204"],
                    "origin_system": "Pledgeline",
                    "created_date": "2019-10-09T08:30:33Z",
                    "modified_date": "2019-10-09T08:31:10Z",
                    "action_date": "2019-10-09T08:30:33Z",
                    "status": "confirmed",
                    "_links": {
                        "self": {"href": f"{SITE}/api/osdi/v1/petitions/7/signatures/204"},
                        "osdi:petition": {"href": f"{SITE}/api/osdi/v1/petitions/7"},
                        "osdi:person": {"href": f"{SITE}/api/osdi/v1/people/204"},
                    },
                }
            ]
        },
    },
}
