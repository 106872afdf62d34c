import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));

/** The bundled public UCI "Absenteeism at work" file (CC BY 4.0), shipped with absencelab. */
export const bundledUciFile = `${root}data/uci-absenteeism/Absenteeism_at_work.csv`;

/** Where `serve` keeps the models it trains on bundled data; models hold no personal records. */
export const defaultModelDir = `${root}var/models`;
