#!/usr/bin/perl
# Writes the MaxMind DB files that the GeoIP tests read, so that no real
# database has to be downloaded.
#
# Usage: write_test_mmdb.pl OUTPUT_FOLDER
#
# Files written:
#   test_city.mmdb     GeoLite2-City: San Diego, London, Amsterdam (IPv6), a
#                      country-only record, and records inside private and
#                      loopback ranges that lookups must never return.
#   test_country.mmdb  GeoLite2-Country: two addresses in the United States.
#   test_asn.mmdb      GeoLite2-ASN: a valid database that has no locations.
#   corrupt.mmdb       The city database cut in half.
use strict;
use warnings;

use MaxMind::DB::Writer::Tree;

my $output = shift @ARGV;
die "usage: $0 OUTPUT_FOLDER\n" unless defined $output && @ARGV == 0;
die "$output is not a folder\n" unless -d $output;

my %types = (
    autonomous_system_number       => 'uint32',
    autonomous_system_organization => 'utf8_string',
    city                           => 'map',
    code                           => 'utf8_string',
    continent                      => 'map',
    country                        => 'map',
    geoname_id                     => 'uint32',
    iso_code                       => 'utf8_string',
    names                          => 'map',
    de                             => 'utf8_string',
    en                             => 'utf8_string',
    fr                             => 'utf8_string',
    nl                             => 'utf8_string',
    'pt-BR'                        => 'utf8_string',
);

my %north_america = (
    code       => 'NA',
    geoname_id => 6255149,
    names      => { en => 'North America', nl => 'Noord-Amerika' },
);
my %europe = (
    code       => 'EU',
    geoname_id => 6255148,
    names      => { en => 'Europe', nl => 'Europa' },
);
my %united_states = (
    geoname_id => 6252001,
    iso_code   => 'US',
    names      => {
        en => 'United States',
        nl => 'Verenigde Staten',
        de => 'Vereinigte Staaten',
    },
);
my %united_kingdom = (
    geoname_id => 2635167,
    iso_code   => 'GB',
    names      => {
        en      => 'United Kingdom',
        nl      => 'Verenigd Koninkrijk',
        'pt-BR' => 'Reino Unido',
    },
);
my %netherlands = (
    geoname_id => 2750405,
    iso_code   => 'NL',
    names      => { en => 'Netherlands', nl => 'Nederland', fr => 'Pays-Bas' },
);

sub new_tree {
    my ($database_type) = @_;
    return MaxMind::DB::Writer::Tree->new(
        ip_version    => 6,
        record_size   => 24,
        database_type => $database_type,
        languages     => [ 'de', 'en', 'fr', 'nl', 'pt-BR' ],
        description   => { en => "user-sessions test data ($database_type)" },
        map_key_type_callback => sub { $types{ $_[0] } },
        alias_ipv6_to_ipv4    => 1,

        # Keeps the private and loopback records below, which a lookup must
        # filter out before it reaches the database.
        remove_reserved_networks => 0,
    );
}

sub write_tree {
    my ( $tree, $name ) = @_;
    my $path = "$output/$name";
    open my $fh, '>:raw', $path or die "cannot write $path: $!\n";
    $tree->write_tree($fh);
    close $fh or die "cannot write $path: $!\n";
    return $path;
}

my $city = new_tree('GeoLite2-City');
$city->insert_network(
    '44.55.66.77/32',
    {
        city => {
            geoname_id => 5391811,
            names      => {
                en => 'San Diego',
                nl => 'San Diego',
                de => 'San Diego',
            },
        },
        continent => \%north_america,
        country   => \%united_states,
    },
);
$city->insert_network(
    '81.2.69.142/32',
    {
        city => {
            geoname_id => 2643743,
            names      => {
                en      => 'London',
                nl      => 'Londen',
                'pt-BR' => 'Londres',
            },
        },
        continent => \%europe,
        country   => \%united_kingdom,
    },
);
$city->insert_network(
    '8.8.8.8/32',
    { continent => \%north_america, country => \%united_states },
);
$city->insert_network(
    '2001:db8:1::/48',
    {
        city => {
            geoname_id => 2759794,
            names      => { en => 'Amsterdam', nl => 'Amsterdam' },
        },
        continent => \%europe,
        country   => \%netherlands,
    },
);
for my $network (
    '0.0.0.0/8',      '10.0.0.0/8',     '100.64.0.0/10', '127.0.0.0/8',
    '169.254.0.0/16', '172.16.0.0/12',  '192.168.0.0/16', 'fc00::/7',
    'fe80::/10',      'ff00::/8',
) {
    $city->insert_network(
        $network,
        {
            city      => { names => { en => 'Private City' } },
            continent => \%north_america,
            country   => \%united_states,
        },
    );
}
my $city_path = write_tree( $city, 'test_city.mmdb' );

my $country = new_tree('GeoLite2-Country');
for my $network ( '55.66.77.88/32', '8.8.4.4/32' ) {
    $country->insert_network(
        $network,
        { continent => \%north_america, country => \%united_states },
    );
}
write_tree( $country, 'test_country.mmdb' );

my $asn = new_tree('GeoLite2-ASN');
$asn->insert_network(
    '8.8.8.0/24',
    {
        autonomous_system_number       => 15169,
        autonomous_system_organization => 'GOOGLE',
    },
);
write_tree( $asn, 'test_asn.mmdb' );

# A file cut in half has lost the metadata that ends every MaxMind DB file.
open my $in, '<:raw', $city_path or die "cannot read $city_path: $!\n";
my $bytes = do { local $/; <$in> };
close $in;
open my $out, '>:raw', "$output/corrupt.mmdb"
    or die "cannot write $output/corrupt.mmdb: $!\n";
print {$out} substr( $bytes, 0, int( length($bytes) / 2 ) );
close $out or die "cannot write $output/corrupt.mmdb: $!\n";
