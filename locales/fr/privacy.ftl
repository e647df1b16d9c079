# Confidentialité, la fermeture du compte et « Était-ce vous ? ».

## Confidentialité
privacy-lead = Ce que Portico conserve sur vous, pendant combien de temps, et ce que partagent vos PC. Rien n’est vendu ni partagé avec qui que ce soit ; les applications ne voient que ce que vous leur permettez.
privacy-kept = Ce que nous conservons
privacy-what = Quoi
privacy-how-long = Pendant combien de temps
privacy-managed-on = Géré sur
privacy-days = { $n ->
    [one] 1 jour
   *[other] { $n } jours
}
privacy-kept-profile = Votre nom, vos adresses e-mail et numéros de téléphone
privacy-kept-sessions = Navigateurs connectés (navigateur, adresse IP, heures)
privacy-kept-browsers = Navigateurs avec lesquels vous vous êtes connecté (une marque aléatoire, pour vous prévenir des nouveaux)
privacy-kept-activity = Activité récente (connexions, modifications, depuis où)
privacy-kept-pcs = Vos PC et ce qu’ils signalent (édition de Windows, activation, licences)
privacy-kept-locations = Positions de vos PC (seulement avec « Localiser mon appareil » activé)
privacy-kept-recovery = Clés de récupération BitLocker (seulement si vous avez activé la sauvegarde ; chiffrées)
privacy-kept-exports = Copies de vos données que vous avez demandées (ci-dessous)
privacy-kept-apps = Applications que vous autorisez à utiliser votre compte, et ce qu’elles peuvent voir
privacy-until-removed-or-closed = Jusqu’à ce que vous les supprimiez ou fermiez votre compte
privacy-until-sign-out = Jusqu’à votre déconnexion, au plus { $days }
privacy-after-last-use = { $days } après la dernière utilisation
privacy-until-pc-removed = Jusqu’à ce que vous supprimiez le PC ; l’enregistrement de chaque rapport { $days }
privacy-until-deleted = Jusqu’à ce que vous les supprimiez ou supprimiez le PC
privacy-until-access-removed = Jusqu’à ce que vous retiriez leur accès
privacy-download = Télécharger vos données
privacy-pcs = Ce que partagent vos PC
privacy-no-pc = Aucun PC n’est associé.
privacy-pcs-lead = Désactiver quelque chose prend effet immédiatement : nous supprimons ce que nous en avions conservé, le retirons des prochains rapports du PC, et le PC cesse de le collecter.
privacy-location-on = Position (Localiser mon appareil) : activée
privacy-location-off = Position (Localiser mon appareil) : désactivée
privacy-location-meta = Où se trouvait le PC, conservé 30 jours. Le réglage du PC lui-même doit aussi l’autoriser.
privacy-turn-on = Activer
privacy-turn-off = Désactiver
privacy-location-for = la position pour { $name }
privacy-hardware-on = Détails matériels et caractéristiques : activés
privacy-hardware-off = Détails matériels et caractéristiques : désactivés
privacy-hardware-meta = Fabricant, modèle, processeur, mémoire, disques, et la vérification qui remarque un changement de matériel (pour qu’une licence puisse suivre une nouvelle carte mère).
privacy-hardware-for = les détails matériels pour { $name }
privacy-recovery-on = Clés de récupération BitLocker : sauvegardées
privacy-recovery-off = Clés de récupération BitLocker : désactivées
privacy-recovery-meta = Conservées chiffrées, affichées seulement après que vous avez confirmé que c’est vous. Modifier ce réglage vous demande de confirmer que c’est vous.
privacy-recovery-stop = Arrêter et les supprimer
privacy-recovery-start = Les sauvegarder
privacy-for = pour { $name }
privacy-diagnostics = Diagnostics : aucun
privacy-diagnostics-meta = L’agent de Portico n’envoie ni rapports de plantage ni données d’utilisation.
privacy-notices = Alertes de sécurité
privacy-notices-lead = Nous vous prévenons des connexions depuis de nouveaux navigateurs, des changements de mot de passe et d’adresse, et des clés de récupération affichées.
privacy-send-to = Les envoyer à
privacy-to-primary = Mon adresse principale
privacy-to-all = Chaque adresse et numéro de téléphone vérifiés
privacy-save = Enregistrer
privacy-export-ready = Votre copie ({ $size }) peut être téléchargée jusqu’au { $until }.
privacy-export-ready-keys = Votre copie ({ $size }, avec vos clés de récupération) peut être téléchargée jusqu’au { $until }.
privacy-export-preparing = Nous préparons votre copie. Nous vous préviendrons quand elle sera prête, généralement en moins d’une minute.
privacy-export-lead = Un fichier ZIP avec tout ce qui précède, en JSON, et un README. La demander nécessite une connexion récente.
privacy-export-with-keys = Inclure mes clés de récupération BitLocker (gardez le fichier en lieu sûr)
privacy-export-prepare = Préparer une copie de mes données
privacy-close-lead = Vous déconnecte partout maintenant, puis supprime votre compte et ce que nous conservons sur vous après un délai de grâce pendant lequel vous pouvez le rouvrir.
privacy-done-notices = La destination des alertes de sécurité a été enregistrée.
privacy-done-export-requested = Nous préparons une copie de vos données. Nous vous préviendrons quand elle sera prête.
privacy-done-export-waiting = Une copie de vos données est déjà en préparation.
privacy-done-location-on = « Localiser mon appareil » est activé pour ce PC.
privacy-done-location-off = « Localiser mon appareil » est désactivé pour ce PC ; ses positions ont été supprimées.
privacy-done-hardware-on = Ce PC partage de nouveau ses détails matériels à partir de son prochain rapport.
privacy-done-hardware-off = Ce PC ne partage plus ses détails matériels ; ce qui en était conservé a été supprimé.
privacy-done-recovery-on = Ce PC sauvegarde ses clés de récupération BitLocker à partir de son prochain rapport.
privacy-done-recovery-off = Ce PC ne sauvegarde plus ses clés de récupération ; celles conservées ont été supprimées.

## Fermer le compte
close-title = Fermer votre compte
close-when = Quand vous fermez votre compte :
close-now = vous êtes déconnecté partout, vos PC cessent de rendre compte, et les applications qui utilisent votre compte perdent leur accès, immédiatement ;
close-told = chaque adresse e-mail et numéro de téléphone vérifiés du compte en sont informés ;
close-grace = { $n ->
    [one] pendant 1 jour, la connexion propose de le rouvrir, avec tout comme avant ;
   *[other] pendant { $n } jours, la connexion propose de le rouvrir, avec tout comme avant ;
}
close-deleted = ensuite, nous le supprimons définitivement : vos adresses, vos PC et leurs rapports, les positions, les liens des licences, les clés de récupération, les fournisseurs de connexion et les accès des applications. Vos adresses ne pourront pas servir à un autre compte pendant 30 jours de plus.
close-instead = Si vous voulez seulement arrêter un PC ou une application, supprimez-le plutôt :
close-understand = { $n ->
    [one] Je comprends : mon compte est fermé maintenant, et supprimé dans 1 jour si je ne le rouvre pas
   *[other] Je comprends : mon compte est fermé maintenant, et supprimé dans { $n } jours si je ne le rouvre pas
}
close-submit = Fermer mon compte
close-tick = Cochez la case pour indiquer que vous comprenez ce que fait la fermeture de votre compte.
close-not-active = Ce compte ne peut pas être fermé : il est déjà en cours de fermeture, ou désactivé.
close-closing-title = Votre compte est en cours de fermeture
close-signed-out = Vous avez été déconnecté partout.
close-deleted-on = Nous le supprimerons définitivement le { $date }. D’ici là, connectez-vous pour le rouvrir.
close-start-page = Aller à la page d’accueil
close-reopen-title = Rouvrir votre compte ?
close-reopen-lead = Ce compte est en cours de fermeture : nous le supprimerons définitivement le { $date }. Rouvrez-le pour vous connecter et tout garder comme avant.
close-reopen = Rouvrir votre compte
close-keep-closed = Le laisser fermé
close-stays-closed = Votre compte reste fermé
close-stays-closed-text = Nous le supprimerons définitivement le { $date }. Vous pouvez encore le rouvrir en vous connectant d’ici là.
close-offer-expired = Cette offre de réouverture de votre compte a expiré. Reconnectez-vous pour la revoir.

## « Était-ce vous ? »
alert-title = Était-ce vous ?
alert-lead = Quelqu’un s’est connecté à votre compte depuis un navigateur qu’il n’avait jamais utilisé.
alert-when = Quand
alert-browser = Navigateur
alert-ip = Adresse IP
alert-me = C’était moi
alert-thanks = Merci d’avoir vérifié
alert-kept = La connexion du { $at } est marquée comme la vôtre.
alert-nothing-more = Il n’y a rien d’autre à faire.
alert-ended-title = Ce navigateur a été déconnecté
alert-ended = La connexion du { $at } depuis { $browser } n’a plus accès à votre compte.
alert-ended-text = Quelqu’un savait comment se connecter à votre place. Choisissez dès maintenant un nouveau mot de passe, en utilisant une adresse que vous seul pouvez recevoir, puis parcourez votre activité récente à la recherche de tout ce que vous n’avez pas fait.
alert-review = Vérifier votre activité récente
alert-gone-text = Il a déjà reçu une réponse, ou il date de plus de 30 jours. Si quelqu’un d’autre utilise votre compte, réinitialisez votre mot de passe.
