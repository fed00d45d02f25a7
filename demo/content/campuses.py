"""The demo's campus content: the institutions, their pledges and demo signers' names.

Pure data: no Django imports.
"""

import datetime

UTC = datetime.UTC


INSTITUTIONS = [
    dict(
        name="University of Cambridge",
        short_name="Cambridge",
        country="GB",
        domains=["cam.ac.uk"],
        city="Cambridge",
        latitude=52.2054,
        longitude=0.1172,
    ),
    dict(
        name="University of Edinburgh",
        short_name="Edinburgh",
        country="GB",
        domains=["ed.ac.uk"],
        city="Edinburgh",
        latitude=55.9445,
        longitude=-3.1892,
    ),
    dict(
        name="University of California, Berkeley",
        short_name="UC Berkeley",
        country="US",
        domains=["berkeley.edu"],
        city="Berkeley",
        latitude=37.8719,
        longitude=-122.2585,
    ),
    dict(
        name="Stanford University",
        short_name="Stanford",
        country="US",
        domains=["stanford.edu"],
        city="Stanford",
        latitude=37.4275,
        longitude=-122.1697,
    ),
    dict(
        name="Yale University",
        short_name="Yale",
        country="US",
        domains=["yale.edu"],
        city="New Haven",
        latitude=41.3163,
        longitude=-72.9223,
    ),
    dict(
        name="University of Chicago",
        short_name="UChicago",
        country="US",
        domains=["uchicago.edu"],
        city="Chicago",
        latitude=41.7886,
        longitude=-87.5987,
    ),
    dict(
        name="Brown University",
        short_name="Brown",
        country="US",
        domains=["brown.edu"],
        city="Providence",
        latitude=41.8268,
        longitude=-71.4025,
    ),
    dict(
        name="Georgia Institute of Technology",
        short_name="Georgia Tech",
        country="US",
        domains=["gatech.edu"],
        city="Atlanta",
        latitude=33.7756,
        longitude=-84.3963,
    ),
    dict(
        name="Massachusetts Institute of Technology",
        short_name="MIT",
        country="US",
        domains=["mit.edu"],
        city="Cambridge",
        latitude=42.3601,
        longitude=-71.0942,
    ),
    dict(
        name="Harvard University",
        short_name="Harvard",
        country="US",
        domains=["harvard.edu"],
        city="Cambridge",
        latitude=42.3770,
        longitude=-71.1167,
    ),
    dict(
        name="Columbia University",
        short_name="Columbia",
        country="US",
        domains=["columbia.edu"],
        city="New York",
        latitude=40.8075,
        longitude=-73.9626,
    ),
    dict(
        name="University of California, Los Angeles",
        short_name="UCLA",
        country="US",
        domains=["ucla.edu"],
        city="Los Angeles",
        latitude=34.0689,
        longitude=-118.4452,
    ),
    dict(
        name="University of Washington",
        short_name="UW",
        country="US",
        domains=["uw.edu", "washington.edu"],
        city="Seattle",
        latitude=47.6553,
        longitude=-122.3035,
    ),
    dict(
        name="Carnegie Mellon University",
        short_name="CMU",
        country="US",
        domains=["cmu.edu"],
        city="Pittsburgh",
        latitude=40.4433,
        longitude=-79.9436,
    ),
    dict(
        name="University of Oxford",
        short_name="Oxford",
        country="GB",
        domains=["ox.ac.uk"],
        city="Oxford",
        latitude=51.7534,
        longitude=-1.2540,
    ),
    dict(
        name="University College London",
        short_name="UCL",
        country="GB",
        domains=["ucl.ac.uk"],
        city="London",
        latitude=51.5246,
        longitude=-0.1340,
    ),
]


PLEDGES = {
    "University of Cambridge": dict(
        demo_signers=57,
        organizer_posts=[
            dict(
                at=datetime.datetime(2019, 11, 2, 16, 52, 38, tzinfo=UTC),
                title="We protested Palantir's talk in Computer Science",
                body=(
                    "On Monday, senior Palantir staff gave a talk on privacy, "
                    "civil liberties and machine learning at the Department "
                    "of Computer Science and Technology, and we were there to "
                    "protest it.\n\n"
                    "Palantir pays into the department through the student "
                    "prizes it sponsors and the annual fee for its place in "
                    "the Supporters' Club. Students and members of staff have "
                    "both spoken out against the department letting the "
                    "company use it to recruit.\n\n"
                    "We are asking the university to cut these ties. Varsity "
                    "has the full report."
                ),
                link="https://www.varsity.co.uk/news/18129",
            ),
        ],
    ),
    "University of Edinburgh": dict(
        demo_signers=23,
        organizer_posts=[
            dict(
                at=datetime.datetime(2019, 11, 20, 13, 0, tzinfo=UTC),
                title="One week until the FALCON renewal",
                body=(
                    "Palantir's FALCON contract with ICE is up for renewal on "
                    "27 November. Between now and then, please ask one friend "
                    "on your course to read the pledge and sign it. Every "
                    "name we add makes the message harder to ignore."
                ),
                link="",
            ),
        ],
    ),
    "University of California, Berkeley": dict(
        demo_signers=124,
        organizer_posts=[
            dict(
                at=datetime.datetime(2019, 9, 17, 18, 30, tzinfo=UTC),
                title="ICM renewal is this Friday",
                body=(
                    "Palantir's ICM contract with ICE comes up for renewal on "
                    "Friday, 20 September. The company can still let it "
                    "lapse. If you have not signed yet, now is the time, and "
                    "please share this page with your lab, your study group "
                    "and your housemates."
                ),
                link="",
            ),
        ],
    ),
    "Stanford University": dict(
        demo_signers=88,
        organizer_posts=[
            dict(
                at=datetime.datetime(2019, 10, 8, 17, 15, tzinfo=UTC),
                title="Careers fair season",
                body=(
                    "Recruiters are back on campus this month. If Palantir "
                    "approaches you at a fair or an info session, tell them "
                    "you have signed this pledge and why. Then reply to our "
                    "update email and let us know how it went."
                ),
                link="",
            ),
        ],
    ),
    "Yale University": dict(demo_signers=48, organizer_posts=[]),
    "University of Chicago": dict(demo_signers=31, organizer_posts=[]),
    "Brown University": dict(demo_signers=64, organizer_posts=[]),
    "Georgia Institute of Technology": dict(demo_signers=12, organizer_posts=[]),
    "Massachusetts Institute of Technology": dict(demo_signers=61, organizer_posts=[]),
    "Harvard University": dict(demo_signers=42, organizer_posts=[]),
    "Columbia University": dict(demo_signers=27, organizer_posts=[]),
    "University of California, Los Angeles": dict(demo_signers=35, organizer_posts=[]),
    "University of Washington": dict(demo_signers=19, organizer_posts=[]),
    "Carnegie Mellon University": dict(demo_signers=8, organizer_posts=[]),
    "University of Oxford": dict(demo_signers=15, organizer_posts=[]),
    "University College London": dict(demo_signers=3, organizer_posts=[]),
}


DEMO_FIRST_NAMES = [
    "Amara",
    "Ben",
    "Carmen",
    "Daniel",
    "Elif",
    "Farah",
    "Gabriel",
    "Hana",
    "Ibrahim",
    "Jasmine",
    "Kofi",
    "Lucia",
    "Mateo",
    "Nadia",
    "Oliver",
    "Priya",
    "Quinn",
    "Rosa",
    "Samuel",
    "Tariq",
    "Uma",
    "Victor",
    "Wen",
    "Ximena",
    "Yusuf",
    "Zoe",
    "Aisha",
    "Bruno",
    "Chloe",
    "Dmitri",
    "Esther",
    "Felipe",
    "Grace",
    "Hugo",
    "Imani",
    "Jonah",
    "Keiko",
    "Leon",
    "Maya",
    "Noah",
    "Olga",
    "Pablo",
    "Rania",
    "Sofia",
    "Tomas",
    "Valeria",
    "William",
    "Yara",
    "Zain",
    "Adele",
    "Caleb",
    "Dalia",
    "Emeka",
    "Freya",
    "Guillermo",
    "Hiroshi",
    "Ines",
    "Javier",
    "Leila",
    "Marcus",
]

DEMO_LAST_NAMES = [
    "Abbott",
    "Adeyemi",
    "Alvarez",
    "Andersen",
    "Banerjee",
    "Bauer",
    "Brennan",
    "Campbell",
    "Castillo",
    "Chen",
    "Costa",
    "Dubois",
    "Eriksson",
    "Fernandes",
    "Fitzgerald",
    "Garcia",
    "Goldberg",
    "Haddad",
    "Hernandez",
    "Hoang",
    "Ibarra",
    "Ito",
    "Jensen",
    "Kaur",
    "Kim",
    "Kowalski",
    "Lindqvist",
    "Lopez",
    "Mahlangu",
    "Mendoza",
    "Moreau",
    "Murphy",
    "Nakamura",
    "Novak",
    "Nwosu",
    "Okafor",
    "Olsen",
    "Ortiz",
    "Park",
    "Patel",
    "Petrov",
    "Quintero",
    "Ramirez",
    "Reyes",
    "Rossi",
    "Sato",
    "Schmidt",
    "Shapiro",
    "Silva",
    "Singh",
    "Suleiman",
    "Tanaka",
    "Torres",
    "Usman",
    "Vargas",
    "Walsh",
    "Wong",
    "Yilmaz",
    "Zhang",
    "Zimmerman",
]
